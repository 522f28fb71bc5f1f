package dev.confine.mockspark.sql;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps DuckDB's error messages onto Spark's error classes (conditions) and message shapes, with Spark's
 * suggestion where Spark gives one. Stateless and thread-safe. An error with no Spark counterpart stays a
 * RuntimeException that carries DuckDB's message and the SQL that failed.
 */
final class ErrorMapping {
  private ErrorMapping() {}

  private static final Pattern MISSING_COLUMN =
      Pattern.compile("Referenced column \"([^\"]+)\" not found in FROM clause!(?:\\s*Candidate bindings: (.*))?");
  private static final Pattern MISSING_TABLE = Pattern.compile("Table with name ([^ !]+)!? does not exist");
  private static final Pattern MISSING_SCHEMA = Pattern.compile("Schema with name \"?([^ \"!]+)\"? does not exist");
  private static final Pattern MISSING_FUNCTION =
      Pattern.compile("(?:Scalar|Aggregate|Table|Pragma|Macro) Function with name \"?([^ \"!]+)\"? does not exist");
  private static final Pattern SCHEMA_EXISTS = Pattern.compile("Schema with name \"?([^ \"!]+)\"? already exists");
  private static final Pattern OBJECT_EXISTS =
      Pattern.compile("(?:Table|View) with name \"?([^ \"!]+)\"? already exists");
  private static final Pattern SCHEMA_NOT_EMPTY =
      Pattern.compile("Cannot drop entry \"([^\"]+)\" because there are entries that depend on it");
  private static final Pattern PARSER = Pattern.compile("Parser Error: syntax error at or near \"([^\"]*)\"");
  private static final Pattern PARSER_END = Pattern.compile("Parser Error: syntax error at end of input");
  private static final Pattern CONVERSION = Pattern.compile("Conversion Error: (?:Could not convert|invalid) ([^\n]*)");

  /** The Spark-shaped exception for a DuckDB failure of {@code sql}. */
  static RuntimeException translate(SQLException e, String sql) {
    String msg = String.valueOf(e.getMessage());
    int tag = msg.indexOf("[DIVIDE_BY_ZERO]");
    if (tag >= 0) {
      return new AnalysisException("DIVIDE_BY_ZERO", firstLine(msg.substring(tag + "[DIVIDE_BY_ZERO]".length()))
          + " SQLSTATE: 22012", e);
    }
    Matcher m = MISSING_COLUMN.matcher(msg);
    if (m.find()) {
      String bindings = m.group(2) == null ? "" : m.group(2).split("\n")[0].replaceAll("\"[^\"]*\"\\.", "");
      if (bindings.isBlank()) {
        return new AnalysisException("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", String.format(Locale.ROOT,
            "A column, variable, or function parameter with name `%s` cannot be resolved.", m.group(1)), e);
      }
      return new AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION", String.format(Locale.ROOT,
          "A column, variable, or function parameter with name `%s` cannot be resolved. Did you mean one of the following? [%s].",
          m.group(1), bindings.replace('"', '`').trim()), e);
    }
    m = MISSING_TABLE.matcher(msg);
    if (m.find()) {
      return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", String.format(Locale.ROOT,
          "The table or view `%s` cannot be found. Verify the spelling and correctness of the schema and catalog. "
              + "If you did not qualify the name with a schema, verify the current_schema() output, or qualify the "
              + "name with the correct schema and catalog.", m.group(1)), e);
    }
    m = MISSING_SCHEMA.matcher(msg);
    if (m.find()) {
      return schemaNotFound(m.group(1), e);
    }
    m = MISSING_FUNCTION.matcher(msg);
    if (m.find()) {
      return new AnalysisException("UNRESOLVED_ROUTINE", String.format(Locale.ROOT,
          "Cannot resolve routine `%s` on search path [`system`.`builtin`, `system`.`session`, "
              + "`spark_catalog`.`default`]. Verify the spelling of the function name.", m.group(1)), e);
    }
    m = SCHEMA_EXISTS.matcher(msg);
    if (m.find()) {
      return new AnalysisException("SCHEMA_ALREADY_EXISTS", String.format(Locale.ROOT,
          "Cannot create schema `%s` because it already exists. Choose a different name, drop the existing "
              + "schema, or add the IF NOT EXISTS clause to tolerate pre-existing schema.", m.group(1)), e);
    }
    m = OBJECT_EXISTS.matcher(msg);
    if (m.find()) {
      return new AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", String.format(Locale.ROOT,
          "Cannot create table or view `%s` because it already exists. Choose a different name, drop or replace "
              + "the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
          m.group(1)), e);
    }
    if (msg.contains("already exists")) {
      return new AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", firstLine(msg), e);
    }
    m = SCHEMA_NOT_EMPTY.matcher(msg);
    if (m.find() && msg.contains("depends on schema")) {
      return new AnalysisException("SCHEMA_NOT_EMPTY", String.format(Locale.ROOT,
          "Cannot drop a schema `%s` because it contains objects. Use DROP SCHEMA ... CASCADE to drop the schema "
              + "and all its objects.", m.group(1)), e);
    }
    m = PARSER.matcher(msg);
    if (m.find()) {
      return new AnalysisException("PARSE_SYNTAX_ERROR", String.format(Locale.ROOT,
          "Syntax error at or near '%s'. SQLSTATE: 42601%n== SQL ==%n%s", m.group(1), sql), e);
    }
    if (PARSER_END.matcher(msg).find()) {
      return new AnalysisException("PARSE_SYNTAX_ERROR", String.format(Locale.ROOT,
          "Syntax error at or near end of input. SQLSTATE: 42601%n== SQL ==%n%s", sql), e);
    }
    m = CONVERSION.matcher(msg);
    if (m.find()) {
      return new AnalysisException("CAST_INVALID_INPUT", "The value cannot be cast: " + m.group(1).trim()
          + ". Use `try_cast` to tolerate malformed input and return NULL instead.", e);
    }
    return new RuntimeException("DuckDB failed on query: " + sql + "\n" + msg, e);
  }

  static AnalysisException schemaNotFound(String name, Throwable cause) {
    return new AnalysisException("SCHEMA_NOT_FOUND", String.format(Locale.ROOT,
        "The schema `%s` cannot be found. Verify the spelling and correctness of the schema and catalog. If you did "
            + "not qualify the name with a catalog, verify the current_schema() output, or qualify the name with the "
            + "correct catalog. To tolerate the error on drop use DROP SCHEMA IF EXISTS.", name), cause);
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
