package dev.confine.mockspark.sql;

/**
 * A query that cannot be analysed (missing table, column or schema; object already exists), with Spark's
 * error class. Unchecked, so code written against Spark's (undeclared) exception compiles unchanged.
 */
public class AnalysisException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorClass;

  AnalysisException(String errorClass, String message, Throwable cause) {
    super("[" + errorClass + "] " + message, cause);
    this.errorClass = errorClass;
  }

  /** Spark's error class, e.g. {@code TABLE_OR_VIEW_NOT_FOUND}. */
  public String getErrorClass() {
    return errorClass;
  }

  /** Spark 4's name for the error class. */
  public String getCondition() {
    return errorClass;
  }
}
