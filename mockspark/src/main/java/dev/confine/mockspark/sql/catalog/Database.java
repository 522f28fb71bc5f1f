package dev.confine.mockspark.sql.catalog;

/** A database listed by the catalog, as Spark's {@code catalog.Database}. Immutable; thread-safe. */
public final class Database {
  private final String name;
  private final String description;
  private final String locationUri;

  public Database(String name, String description, String locationUri) {
    this.name = name;
    this.description = description;
    this.locationUri = locationUri;
  }

  public String name() { return name; }
  public String catalog() { return "spark_catalog"; }
  public String description() { return description; }
  public String locationUri() { return locationUri; }

  @Override
  public String toString() {
    return "Database[name='" + name + "', catalog='spark_catalog', description='" + description + "', path='"
        + locationUri + "']";
  }
}
