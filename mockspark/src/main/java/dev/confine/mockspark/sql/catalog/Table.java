package dev.confine.mockspark.sql.catalog;

/** A table or view listed by the catalog, as Spark's {@code catalog.Table}. Immutable; thread-safe. */
public final class Table {
  private final String name;
  private final String database;
  private final String description;
  private final String tableType;
  private final boolean isTemporary;

  public Table(String name, String database, String description, String tableType, boolean isTemporary) {
    this.name = name;
    this.database = database;
    this.description = description;
    this.tableType = tableType;
    this.isTemporary = isTemporary;
  }

  public String name() { return name; }
  public String database() { return database; }
  public String catalog() { return "spark_catalog"; }
  public String[] namespace() { return database == null ? new String[0] : new String[] {database}; }
  public String description() { return description; }
  /** {@code MANAGED}, {@code VIEW} or {@code TEMPORARY}, as in Spark. */
  public String tableType() { return tableType; }
  public boolean isTemporary() { return isTemporary; }

  @Override
  public String toString() {
    return "Table[name='" + name + "', database='" + database + "', tableType='" + tableType + "', isTemporary='"
        + isTemporary + "']";
  }
}
