package dev.confine.mockspark.internal;

/**
 * A bad argument with Spark's error class, as Spark's {@code SparkIllegalArgumentException}: still an
 * {@link IllegalArgumentException}, so code catching that compiles and behaves unchanged. Immutable.
 * In a non-exported package: callers see only {@code IllegalArgumentException} and {@code getCondition()}.
 */
public final class SparkIllegalArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String condition;

  public SparkIllegalArgumentException(String condition, String message) {
    super("[" + condition + "] " + message);
    this.condition = condition;
  }

  /** Spark's error class, e.g. {@code INVALID_SAVE_MODE}. */
  public String getCondition() {
    return condition;
  }

  /** Spark 3's name for {@link #getCondition()}. */
  public String getErrorClass() {
    return condition;
  }
}
