package dev.confine.mockspark.sql.catalog;

/** A column listed by the catalog, as Spark's {@code catalog.Column}. Immutable; thread-safe. */
public final class Column {
  private final String name;
  private final String description;
  private final String dataType;
  private final boolean nullable;
  private final boolean isPartition;
  private final boolean isBucket;

  public Column(String name, String description, String dataType, boolean nullable, boolean isPartition,
      boolean isBucket) {
    this.name = name;
    this.description = description;
    this.dataType = dataType;
    this.nullable = nullable;
    this.isPartition = isPartition;
    this.isBucket = isBucket;
  }

  public String name() { return name; }
  public String description() { return description; }
  /** Spark's simple type string, e.g. {@code int}, {@code decimal(10,2)}. */
  public String dataType() { return dataType; }
  public boolean nullable() { return nullable; }
  public boolean isPartition() { return isPartition; }
  public boolean isBucket() { return isBucket; }
  public boolean isCluster() { return false; }

  @Override
  public String toString() {
    return "Column[name='" + name + "', description='" + description + "', dataType='" + dataType + "', nullable='"
        + nullable + "', isPartition='" + isPartition + "', isBucket='" + isBucket + "']";
  }
}
