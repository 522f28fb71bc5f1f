package dev.confine.mockspark.sql.types;

/** A column type, named as in Spark. Immutable; safe to share between threads. */
public final class DataType {
  private final String sparkName;
  private final String duckdbName;

  DataType(String sparkName, String duckdbName) {
    this.sparkName = sparkName;
    this.duckdbName = duckdbName;
  }

  /** Spark's simple name, e.g. {@code int}, {@code string}. */
  public String simpleString() {
    return sparkName;
  }

  /** Spark's type name, e.g. {@code integer}. */
  public String typeName() {
    return sparkName.equals("int") ? "integer" : sparkName;
  }

  /** The DuckDB SQL type this maps to (used by the engine). */
  public String sqlType() {
    return duckdbName;
  }

  @Override
  public String toString() {
    return sparkName.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + sparkName.substring(1) + "Type";
  }
}
