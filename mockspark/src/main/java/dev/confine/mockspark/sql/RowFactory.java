package dev.confine.mockspark.sql;

/** Creates rows, as in Spark. Stateless; thread-safe. */
public final class RowFactory {
  private RowFactory() {}

  public static Row create(Object... values) {
    return new Row(values.clone(), null);
  }
}
