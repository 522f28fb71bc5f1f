package dev.confine.mockspark.sql.expressions;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A window definition, as Spark's {@code WindowSpec}. Immutable; thread-safe. */
public final class WindowSpec {
  private final List<String> partition;
  private final List<String> order;

  WindowSpec(List<String> partition, List<String> order) {
    this.partition = List.copyOf(partition);
    this.order = List.copyOf(order);
  }

  public WindowSpec partitionBy(String... cols) {
    return new WindowSpec(Stream.of(cols).map(WindowSpec::quote).toList(), order);
  }

  public WindowSpec partitionBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(Stream.of(cols).map(dev.confine.mockspark.sql.Column::expr).toList(), order);
  }

  public WindowSpec orderBy(String... cols) {
    return new WindowSpec(partition, Stream.of(cols).map(c -> quote(c) + " ASC NULLS FIRST").toList());
  }

  public WindowSpec orderBy(dev.confine.mockspark.sql.Column... cols) {
    return new WindowSpec(partition, Stream.of(cols).map(c -> {
      String e = c.expr();
      return e.endsWith("NULLS FIRST") || e.endsWith("NULLS LAST") ? e : e + " ASC NULLS FIRST";
    }).toList());
  }

  static String quote(String ident) {
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  /** The SQL of the OVER clause's contents. */
  public String sql() {
    String p = partition.isEmpty() ? "" : "PARTITION BY " + String.join(", ", partition);
    String o = order.isEmpty() ? "" : "ORDER BY " + String.join(", ", order);
    return Stream.of(p, o).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
  }
}
