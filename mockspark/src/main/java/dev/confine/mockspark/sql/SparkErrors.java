package dev.confine.mockspark.sql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's runtime error classes for failures that happen while rows are computed (ANSI mode, Spark 4's
 * default): a generated expression raises {@code [CLASS] message} through DuckDB's {@code error()}, and DuckDB's
 * own conversion errors become {@code CAST_INVALID_INPUT}. Stateless.
 */
final class SparkErrors {
  private SparkErrors() {}

  private static final Pattern RAISED = Pattern.compile("\\[([A-Z][A-Z0-9_.]+)\\] ([^\\n]*)");

  /** DuckDB SQL that fails the query with Spark's error class when evaluated. */
  static String raise(String errorClass, String message) {
    return "error('[" + errorClass + "] " + message.replace("'", "''") + "')";
  }

  /** The Spark error for a DuckDB failure at execution time, or null if it is not one of these. */
  static RuntimeException map(SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.startsWith("Invalid Input Error: [") || msg.contains("Invalid Input Error: [")) {
      Matcher m = RAISED.matcher(msg);
      if (m.find()) {
        return new SparkRuntimeException(m.group(1), m.group(2), e);
      }
    }
    if (msg.startsWith("Conversion Error:")) {
      String first = msg.split("\n")[0].substring("Conversion Error:".length()).trim();
      return new SparkRuntimeException("CAST_INVALID_INPUT", first
          + ". Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed "
          + "input and return NULL instead.", e);
    }
    return null;
  }
}
