package dev.confine.mockspark.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The result of {@code groupBy} (optionally {@code pivot}), as in Spark. Immutable; thread-safe. */
public final class RelationalGroupedDataset {
  private final SparkSession session;
  private final String from;
  private final List<Column> keys;
  /** The pivot column, or null when not pivoted. */
  private final Column pivot;
  /** The pivot values, in output order (Spark's: sorted ascending, null first). */
  private final List<Object> pivotValues;

  RelationalGroupedDataset(SparkSession session, String from, List<Column> keys) {
    this(session, from, keys, null, List.of());
  }

  private RelationalGroupedDataset(SparkSession session, String from, List<Column> keys, Column pivot, List<Object> pivotValues) {
    this.session = session;
    this.from = from;
    this.keys = keys;
    this.pivot = pivot;
    this.pivotValues = pivotValues;
  }

  /** One output column per distinct value of {@code column} (sorted, as Spark sorts them) and aggregate. */
  public RelationalGroupedDataset pivot(String column) {
    Column c = functions.col(column);
    List<Object> values = new ArrayList<>();
    for (Row r : session.engine().query("SELECT DISTINCT " + c.sql + " FROM " + from + " ORDER BY 1 ASC NULLS FIRST")) {
      values.add(r.get(0));
    }
    return pivot(column, values);
  }

  /** One output column per given value of {@code column} and aggregate, in the given order. */
  public RelationalGroupedDataset pivot(String column, List<Object> values) {
    if (pivot != null) {
      throw new IllegalStateException("pivot was already applied to this grouping; Spark allows one pivot");
    }
    // List.copyOf would reject the null pivot value, which Spark keeps as a column named "null"
    return new RelationalGroupedDataset(session, from, keys, functions.col(column),
        java.util.Collections.unmodifiableList(new ArrayList<>(values)));
  }

  public Dataset<Row> agg(Column expr, Column... exprs) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(expr);
    aggs.addAll(Arrays.asList(exprs));
    List<Column> all = new ArrayList<>(keys);
    if (pivot == null) {
      all.addAll(aggs);
    } else {
      for (Object v : pivotValues) {
        String cond = v == null ? pivot.sql + " IS NULL" : pivot.sql + " = " + Column.lit(v).sql;
        for (Column a : aggs) {
          if (!a.aggregate || !a.sql.matches("^[a-z_]+\\(.*\\)$") || a.sql.startsWith("coalesce(")) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "pivot supports plain aggregate functions (sum, avg, min, max, count, first, last, ...), not %s", a.name));
          }
          String label = String.valueOf(v) + (aggs.size() == 1 ? "" : "_" + a.name);
          // Spark leaves a combination without rows null (also for count), so the FILTERed aggregate is guarded
          all.add(new Column("(CASE WHEN count(*) FILTER (WHERE " + cond + ") = 0 THEN NULL ELSE " + a.sql
              + " FILTER (WHERE " + cond + ") END)", label, true));
        }
      }
    }
    // a bare column keeps its name without AS: DuckDB reports a missing aliased column as an alias misuse
    String select = all.stream().map(c -> c.sql.equals(Column.quote(c.name)) ? c.sql : c.sql + " AS " + Column.quote(c.name))
        .collect(Collectors.joining(", "));
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
      // Spark: no names means every numeric column of the frame (grouping columns included)
      List<String> numeric = new ArrayList<>();
      for (dev.confine.mockspark.sql.types.StructField field : session.engine().schema("SELECT * FROM " + from).fields()) {
        String t = field.dataType().simpleString();
        if (t.equals("int") || t.equals("bigint") || t.equals("smallint") || t.equals("tinyint") || t.equals("double")
            || t.equals("float") || t.startsWith("decimal(")) {
          numeric.add(field.name());
        }
      }
      if (numeric.isEmpty()) {
        throw new IllegalArgumentException("The frame has no numeric columns to aggregate; name the columns, e.g. sum(\"amount\")");
      }
      cols = numeric.toArray(new String[0]);
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
