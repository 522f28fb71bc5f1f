package dev.confine.mockspark.worker;

import java.util.Map;

/** A struct value decoded from the worker, shaped as the driver's {@link java.sql.Struct}; immutable. */
final class DecodedStruct implements java.sql.Struct {
  private final String sqlTypeName;
  private final Object[] attributes;

  DecodedStruct(String sqlTypeName, Object[] attributes) {
    this.sqlTypeName = sqlTypeName;
    this.attributes = attributes;
  }

  @Override
  public String getSQLTypeName() {
    return sqlTypeName;
  }

  @Override
  public Object[] getAttributes() {
    return attributes.clone();
  }

  @Override
  public Object[] getAttributes(Map<String, Class<?>> map) {
    return getAttributes();
  }
}
