package dev.confine.mockspark.sql;

/**
 * A query that failed while computing rows, with Spark's error class (e.g. {@code DIVIDE_BY_ZERO},
 * {@code CAST_INVALID_INPUT}): the counterpart of Spark's {@code SparkArithmeticException},
 * {@code SparkNumberFormatException} and {@code SparkDateTimeException}. Unchecked; immutable.
 */
public class SparkRuntimeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String errorClass;

  SparkRuntimeException(String errorClass, String message, Throwable cause) {
    super("[" + errorClass + "] " + message, cause);
    this.errorClass = errorClass;
  }

  /** Spark's error class, e.g. {@code DIVIDE_BY_ZERO}. */
  public String getErrorClass() {
    return errorClass;
  }

  /** Spark 4's name for the error class. */
  public String getCondition() {
    return errorClass;
  }
}
