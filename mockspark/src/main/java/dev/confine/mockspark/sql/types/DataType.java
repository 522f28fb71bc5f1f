package dev.confine.mockspark.sql.types;

import java.util.Locale;

/**
 * A column type, named as in Spark ({@code int}, {@code decimal(10,2)}, {@code array<string>},
 * {@code struct<id:int,name:string>}). Immutable; safe to share between threads. Unlike Spark, one class
 * covers every type (there are no {@code ArrayType}/{@code DecimalType} subclasses to test with
 * {@code instanceof}); compare with {@link #simpleString()}.
 */
public final class DataType {
  private final String sparkName;
  private final String duckdbName;

  DataType(String sparkName, String duckdbName) {
    this.sparkName = sparkName;
    this.duckdbName = duckdbName;
  }

  /** Spark's simple name, e.g. {@code int}, {@code string}, {@code decimal(10,2)}. */
  public String simpleString() {
    return sparkName;
  }

  /** Spark's type name, e.g. {@code integer}. */
  public String typeName() {
    return sparkName.equals("int") ? "integer" : sparkName;
  }

  /** Spark's SQL spelling, e.g. {@code INT}, {@code DECIMAL(10,2)}, {@code ARRAY<STRING>}. */
  public String sql() {
    return sparkName.toUpperCase(Locale.ROOT);
  }

  /** The DuckDB SQL type this maps to (used by the engine). */
  public String sqlType() {
    return duckdbName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataType t && t.sparkName.equals(sparkName);
  }

  @Override
  public int hashCode() {
    return sparkName.hashCode();
  }

  @Override
  public String toString() {
    if (sparkName.startsWith("decimal(")) {
      return "DecimalType" + sparkName.substring("decimal".length());
    }
    if (sparkName.startsWith("array<") || sparkName.startsWith("struct<")) {
      return sparkName;
    }
    return sparkName.substring(0, 1).toUpperCase(Locale.ROOT) + sparkName.substring(1) + "Type";
  }
}
