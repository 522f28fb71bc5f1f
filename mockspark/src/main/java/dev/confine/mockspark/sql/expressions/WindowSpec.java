package dev.confine.mockspark.sql.expressions;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A window definition, as Spark's {@code WindowSpec}: partitioning, ordering and frame. Immutable; thread-safe. */
public final class WindowSpec {
  private final List<String> partition;
  private final List<String> order;
  /** The frame clause ({@code ROWS BETWEEN ...}), or null for the SQL default frame (Spark's default too). */
  private final String frame;

  WindowSpec(List<String> partition, List<String> order, String frame) {
    this.partition = List.copyOf(partition);
    this.order = List.copyOf(order);
    this.frame = frame;
  }

  public WindowSpec partitionBy(String... cols) {
    return new WindowSpec(Stream.of(cols).map(c -> new dev.confine.mockspark.sql.Column(c).expr()).toList(), order, frame);
  }

  public WindowSpec partitionBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(Stream.of(cols).map(dev.confine.mockspark.sql.Column::expr).toList(), order, frame);
  }

  public WindowSpec orderBy(String... cols) {
    return new WindowSpec(partition, Stream.of(cols).map(c -> new dev.confine.mockspark.sql.Column(c).expr() + " ASC NULLS FIRST")
        .toList(), frame);
  }

  public WindowSpec orderBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(partition, Stream.of(cols).map(c -> {
      String e = c.expr();
      return e.endsWith("NULLS FIRST") || e.endsWith("NULLS LAST") ? e : e + " ASC NULLS FIRST";
    }).toList(), frame);
  }

  /** A frame of rows relative to the current one; use {@link Window#unboundedPreceding()} etc. for the ends. */
  public WindowSpec rowsBetween(long start, long end) {
    return new WindowSpec(partition, order, "ROWS BETWEEN " + bound(start, true) + " AND " + bound(end, false));
  }

  /** A frame of order-key values relative to the current row's; needs exactly one numeric order column. */
  public WindowSpec rangeBetween(long start, long end) {
    if (order.size() != 1 && !(start == Long.MIN_VALUE && (end == 0 || end == Long.MAX_VALUE))) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "rangeBetween(%d, %d) needs exactly one orderBy column, this window orders by %d", start, end, order.size()));
    }
    return new WindowSpec(partition, order, "RANGE BETWEEN " + bound(start, true) + " AND " + bound(end, false));
  }

  private static String bound(long v, boolean start) {
    if (v == Long.MIN_VALUE) {
      return "UNBOUNDED PRECEDING";
    }
    if (v == Long.MAX_VALUE) {
      return "UNBOUNDED FOLLOWING";
    }
    if (v == 0) {
      return "CURRENT ROW";
    }
    return v < 0 ? (-v) + " PRECEDING" : v + " FOLLOWING";
  }

  /** The SQL of the OVER clause's contents. */
  public String sql() {
    String p = partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition);
    String o = order.isEmpty() ? "" : "ORDER BY " + String.join(", ", order);
    return Stream.of(p, o, frame == null ? "" : frame).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
  }
}
