package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One result row, as in Spark. Immutable; safe to share between threads. */
public final class Row {
  private final Object[] values;
  private final StructType schema;

  Row(Object[] values, StructType schema) {
    this.values = values;
    this.schema = schema;
  }

  public int size() { return values.length; }
  public int length() { return values.length; }
  public StructType schema() { return schema; }
  public Object get(int i) { return values[i]; }
  public boolean isNullAt(int i) { return values[i] == null; }
  public boolean anyNull() { return Arrays.stream(values).anyMatch(v -> v == null); }

  @SuppressWarnings("unchecked")
  public <T> T getAs(int i) { return (T) values[i]; }

  public <T> T getAs(String field) { return getAs(fieldIndex(field)); }

  public int fieldIndex(String field) {
    if (schema == null) {
      throw new UnsupportedOperationException("fieldIndex on a Row without schema is not supported: " + field);
    }
    return schema.fieldIndex(field);
  }

  public String getString(int i) { return (String) values[i]; }
  public boolean getBoolean(int i) { return (Boolean) nonNull(i); }
  public int getInt(int i) { return ((Number) nonNull(i)).intValue(); }
  public long getLong(int i) { return ((Number) nonNull(i)).longValue(); }
  public short getShort(int i) { return ((Number) nonNull(i)).shortValue(); }
  public byte getByte(int i) { return ((Number) nonNull(i)).byteValue(); }
  public double getDouble(int i) { return ((Number) nonNull(i)).doubleValue(); }
  public float getFloat(int i) { return ((Number) nonNull(i)).floatValue(); }
  public java.sql.Date getDate(int i) { return (java.sql.Date) values[i]; }
  public java.sql.Timestamp getTimestamp(int i) { return (java.sql.Timestamp) values[i]; }

  /** An array column's value (mockspark holds arrays as {@code java.util.List}, where Spark's {@code get} gives a Scala Seq). */
  public <T> List<T> getList(int i) {
    List<T> list = this.getAs(i);
    return list == null ? null : new ArrayList<>(list);
  }

  public java.math.BigDecimal getDecimal(int i) { return (java.math.BigDecimal) values[i]; }

  /** A struct column's value. */
  public Row getStruct(int i) { return (Row) values[i]; }

  private Object nonNull(int i) {
    if (values[i] == null) {
      // Spark throws NullPointerException for primitive getters on null as well
      throw new NullPointerException("Value at index " + i + " is null");
    }
    return values[i];
  }

  Object[] valuesUnsafe() { return values; }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() { return Arrays.hashCode(values); }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(values[i] == null ? "null" : values[i]);
    }
    return sb.append(']').toString();
  }
}
