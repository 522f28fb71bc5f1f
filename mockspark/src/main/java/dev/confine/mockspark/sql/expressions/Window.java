package dev.confine.mockspark.sql.expressions;

import java.util.List;

/** Window factories, as Spark's {@code Window}. Stateless; thread-safe. */
public final class Window {
  private Window() {}

  private static final WindowSpec EMPTY = new WindowSpec(List.of(), List.of(), null);

  public static WindowSpec partitionBy(String... cols) { return EMPTY.partitionBy(cols); }
  public static WindowSpec partitionBy(dev.confine.mockspark.sql.Column... cols) { return EMPTY.partitionBy(cols); }
  public static WindowSpec orderBy(String... cols) { return EMPTY.orderBy(cols); }
  public static WindowSpec orderBy(dev.confine.mockspark.sql.Column... cols) { return EMPTY.orderBy(cols); }
  public static WindowSpec rowsBetween(long start, long end) { return EMPTY.rowsBetween(start, end); }
  public static WindowSpec rangeBetween(long start, long end) { return EMPTY.rangeBetween(start, end); }

  /** Frame boundary: the partition's first row (Spark's value, {@code Long.MIN_VALUE}). */
  public static long unboundedPreceding() { return Long.MIN_VALUE; }

  /** Frame boundary: the partition's last row (Spark's value, {@code Long.MAX_VALUE}). */
  public static long unboundedFollowing() { return Long.MAX_VALUE; }

  /** Frame boundary: the current row (Spark's value, 0). */
  public static long currentRow() { return 0; }
}
