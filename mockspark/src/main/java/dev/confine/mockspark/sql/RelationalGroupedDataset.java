package dev.confine.mockspark.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The result of {@code groupBy}, as in Spark. Immutable; thread-safe. */
public final class RelationalGroupedDataset {
  private final SparkSession session;
  private final String from;
  private final List<Column> keys;

  RelationalGroupedDataset(SparkSession session, String from, List<Column> keys) {
    this.session = session;
    this.from = from;
    this.keys = keys;
  }

  public Dataset<Row> agg(Column expr, Column... exprs) {
    List<Column> all = new ArrayList<>(keys);
    all.add(expr);
    all.addAll(Arrays.asList(exprs));
    String select = all.stream().map(c -> c.sql + " AS " + Column.quote(c.name)).collect(Collectors.joining(", "));
    String group = keys.isEmpty() ? "" : " GROUP BY " + keys.stream().map(c -> c.sql).collect(Collectors.joining(", "));
    Dataset<Row> d = new Dataset<>(session, "SELECT " + select + " FROM " + from + group);
    d.schema();
    return d;
  }

  /**
   * One aggregate per entry, column name to function name ({@code sum avg mean min max count first last
   * collect_list collect_set}), named as Spark names them ({@code max(age)}); in the map's iteration order.
   */
  public Dataset<Row> agg(java.util.Map<String, String> exprs) {
    if (exprs.isEmpty()) {
      throw new IllegalArgumentException("agg(Map) needs at least one column -> function entry, e.g. Map.of(\"age\", \"max\")");
    }
    List<Column> cs = new ArrayList<>();
    for (java.util.Map.Entry<String, String> e : exprs.entrySet()) {
      Column c = functions.col(e.getKey());
      switch (e.getValue().toLowerCase(java.util.Locale.ROOT)) {
        case "sum": cs.add(functions.sum(c)); break;
        case "avg": case "mean": case "average": cs.add(functions.avg(c)); break;
        case "min": cs.add(functions.min(c)); break;
        case "max": cs.add(functions.max(c)); break;
        case "count": case "size": cs.add(functions.count(c)); break;
        case "first": cs.add(functions.first(c)); break;
        case "last": cs.add(functions.last(c)); break;
        case "collect_list": cs.add(functions.collect_list(c)); break;
        case "collect_set": cs.add(functions.collect_set(c)); break;
        default: throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "agg(Map): unsupported aggregate '%s' for column %s; use sum, avg, mean, min, max, count, first, last, "
                + "collect_list or collect_set", e.getValue(), e.getKey()));
      }
    }
    return agg(cs.get(0), cs.subList(1, cs.size()).toArray(new Column[0]));
  }

  public Dataset<Row> count() { return agg(functions.count(functions.lit(1)).alias("count")); }

  private Dataset<Row> each(java.util.function.Function<String, Column> f, String... cols) {
    if (cols.length == 0) {
      throw new IllegalArgumentException("Name the numeric columns to aggregate, e.g. sum(\"amount\")");
    }
    Column[] cs = Arrays.stream(cols).map(f).toArray(Column[]::new);
    return agg(cs[0], Arrays.copyOfRange(cs, 1, cs.length));
  }

  public Dataset<Row> sum(String... cols) { return each(functions::sum, cols); }
  public Dataset<Row> avg(String... cols) { return each(functions::avg, cols); }
  public Dataset<Row> mean(String... cols) { return each(functions::avg, cols); }
  public Dataset<Row> min(String... cols) { return each(functions::min, cols); }
  public Dataset<Row> max(String... cols) { return each(functions::max, cols); }
}
