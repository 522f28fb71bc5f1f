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
    // a bare column keeps its name without AS: DuckDB reports a missing aliased column as an alias misuse
    String select = all.stream().map(c -> c.sql.equals(Column.quote(c.name)) ? c.sql : c.sql + " AS " + Column.quote(c.name))
        .collect(Collectors.joining(", "));
    String group = keys.isEmpty() ? "" : " GROUP BY " + keys.stream().map(c -> c.sql).collect(Collectors.joining(", "));
    Dataset<Row> d = new Dataset<>(session, "SELECT " + select + " FROM " + from + group);
    d.schema();
    return d;
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
