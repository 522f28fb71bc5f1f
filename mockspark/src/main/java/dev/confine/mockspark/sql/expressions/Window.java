package dev.confine.mockspark.sql.expressions;

import java.util.List;

/** Window factories, as Spark's {@code Window}. Stateless; thread-safe. */
public final class Window {
  private Window() {}

  public static WindowSpec partitionBy(String... cols) { return new WindowSpec(List.of(), List.of()).partitionBy(cols); }

  public static WindowSpec partitionBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(List.of(), List.of()).partitionBy(cols);
  }

  public static WindowSpec orderBy(String... cols) { return new WindowSpec(List.of(), List.of()).orderBy(cols); }

  public static WindowSpec orderBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(List.of(), List.of()).orderBy(cols);
  }
}
