package dev.confine.mockspark.sql.types;

import java.util.Objects;

/** One field of a schema. Immutable; thread-safe. */
public final class StructField {
  private final String name;
  private final DataType dataType;
  private final boolean nullable;

  public StructField(String name, DataType dataType, boolean nullable) {
    this.name = Objects.requireNonNull(name, "name");
    this.dataType = Objects.requireNonNull(dataType, "dataType");
    this.nullable = nullable;
  }

  public String name() { return name; }
  public DataType dataType() { return dataType; }
  public boolean nullable() { return nullable; }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructField f && f.name.equals(name) && f.dataType.simpleString().equals(dataType.simpleString())
        && f.nullable == nullable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataType.simpleString(), nullable);
  }

  @Override
  public String toString() {
    return "StructField(" + name + "," + dataType + "," + nullable + ")";
  }
}
