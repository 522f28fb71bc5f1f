package dev.confine.mockspark.conformance;

import java.util.List;

/**
 * What one conformance program produced on one engine, in engine-neutral Java values, so the results
 * of real Spark and of mockspark can be compared with plain equality.
 *
 * <p>Values are {@code null}, {@link Long} (every integral type), {@link Double} (float and double),
 * {@link Boolean}, {@link String}, {@code "date:yyyy-MM-dd"}, {@code "ts:<ISO instant>"},
 * {@code "dec:<plain>"} for decimals, and {@link List} of those for arrays. A program that returns a
 * value instead of a frame yields one column named {@code value} of type {@code value}.
 *
 * @param columns column names in order (empty for an error)
 * @param types Spark type simple strings ({@code int}, {@code bigint}, {@code string}, ...)
 * @param rows the rows as collected (the comparison sorts them for unordered cases)
 * @param errorClass Spark's error class of the thrown exception ({@code SparkThrowable.getCondition()}),
 *     or {@code java:<nearest JDK exception type>} when it has none; {@code null} when no error
 * @param errorMessage the exception's message, for the report only
 * @param cleanupError a failure of the case's clean-up statements, {@code null} when they all ran
 */
public record NeutralResult(
    List<String> columns,
    List<String> types,
    List<List<Object>> rows,
    String errorClass,
    String errorMessage,
    String cleanupError) {

  /** A short description for assertion messages. */
  public String describe() {
    if (errorClass != null) {
      return "error " + errorClass + ": " + firstLine(errorMessage);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "[" : ", ").append(columns.get(i)).append(':').append(types.get(i));
    }
    out.append(columns.isEmpty() ? "[]" : "]").append(' ').append(rows.size()).append(" rows ");
    out.append(rows.size() > 20 ? rows.subList(0, 20) + "..." : rows);
    return out.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
