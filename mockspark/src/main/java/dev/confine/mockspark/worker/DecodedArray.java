package dev.confine.mockspark.worker;

import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Map;

/** A list value decoded from the worker, shaped as the driver's {@link java.sql.Array}; immutable. */
final class DecodedArray implements java.sql.Array {
  private final Object[] elements;

  DecodedArray(Object[] elements) {
    this.elements = elements;
  }

  @Override
  public String getBaseTypeName() {
    return "OTHER";
  }

  @Override
  public int getBaseType() {
    return Types.OTHER;
  }

  @Override
  public Object getArray() {
    return elements.clone();
  }

  @Override
  public Object getArray(Map<String, Class<?>> map) {
    return getArray();
  }

  @Override
  public Object getArray(long index, int count) {
    return java.util.Arrays.copyOfRange(elements, (int) index - 1, (int) index - 1 + count);
  }

  @Override
  public Object getArray(long index, int count, Map<String, Class<?>> map) {
    return getArray(index, count);
  }

  @Override
  public ResultSet getResultSet() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("a decoded worker array has no result set view");
  }

  @Override
  public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLFeatureNotSupportedException {
    return getResultSet();
  }

  @Override
  public ResultSet getResultSet(long index, int count) throws SQLFeatureNotSupportedException {
    return getResultSet();
  }

  @Override
  public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLFeatureNotSupportedException {
    return getResultSet();
  }

  @Override
  public void free() {
    // nothing held
  }
}
