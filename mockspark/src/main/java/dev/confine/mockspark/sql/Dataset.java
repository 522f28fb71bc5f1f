package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A lazy frame, as Spark's {@code Dataset<Row>}: transformations build one DuckDB query (analysed eagerly, as
 * Spark does, so a missing column fails at the transformation); actions run it. Immutable; any thread of the
 * session may use it (each runs on its own connection).
 */
public final class Dataset<T> {
  private static final AtomicLong IDS = new AtomicLong();
  private final SparkSession session;
  private final String sql;
  private final String alias;
  private volatile StructType schema;

  Dataset(SparkSession session, String sql) {
    this.session = session;
    this.sql = sql;
    this.alias = "q" + IDS.incrementAndGet();
  }

  private Dataset<Row> derive(String newSql) {
    Dataset<Row> d = new Dataset<>(session, newSql);
    d.schema(); // eager analysis, as in Spark
    return d;
  }

  private String from() {
    return "(" + sql + ") AS " + alias;
  }

  private static String proj(Column c) {
    // a bare reference keeps its name without AS: DuckDB would otherwise try the alias itself on a missing column
    boolean bare = c.sql.equals("*") || c.sql.endsWith(".*") || c.sql.equals(Column.quote(c.name))
        || c.sql.endsWith("." + Column.quote(c.name));
    return bare ? c.sql : c.sql + " AS " + Column.quote(c.name);
  }

  public SparkSession sparkSession() { return session; }

  public StructType schema() {
    StructType s = schema;
    if (s == null) {
      s = session.engine().schema(sql);
      schema = s;
    }
    return s;
  }

  public String[] columns() { return schema().fieldNames(); }

  public void printSchema() { System.out.print(schema().treeString()); }

  /** Prints the DuckDB SQL this frame compiles to. */
  public void explain() { System.out.println(explainString()); }

  String explainString() { return "== DuckDB SQL ==\n" + sql; }

  public void explain(boolean extended) { explain(); }

  /** The DuckDB SQL this frame compiles to. */
  public String sql() { return sql; }

  /** A column of this frame, qualified so it stays unambiguous in joins. */
  public Column col(String name) {
    if (name.equals("*")) {
      return new Column(alias + ".*", "*", false);
    }
    String real = schema().fields()[schema().fieldIndex(name)].name();
    return new Column(alias + "." + Column.quote(real), real, false);
  }

  public Column apply(String name) { return col(name); }

  public Dataset<Row> select(Column... cols) {
    return derive("SELECT " + Arrays.stream(cols).map(Dataset::proj).collect(Collectors.joining(", ")) + " FROM " + from());
  }

  public Dataset<Row> select(String col, String... cols) {
    List<Column> all = new ArrayList<>();
    all.add(functions.col(col));
    Arrays.stream(cols).map(functions::col).forEach(all::add);
    return select(all.toArray(new Column[0]));
  }

  public Dataset<Row> selectExpr(String... exprs) {
    return derive("SELECT " + String.join(", ", exprs) + " FROM " + from());
  }

  public Dataset<Row> filter(Column condition) { return derive("SELECT * FROM " + from() + " WHERE " + condition.sql); }
  public Dataset<Row> filter(String condition) { return derive("SELECT * FROM " + from() + " WHERE " + condition); }
  public Dataset<Row> where(Column condition) { return filter(condition); }
  public Dataset<Row> where(String condition) { return filter(condition); }

  public Dataset<Row> withColumn(String name, Column c) {
    boolean exists = Arrays.stream(columns()).anyMatch(n -> n.equalsIgnoreCase(name));
    String q = Column.quote(name);
    return derive(exists
        ? "SELECT * REPLACE (" + c.sql + " AS " + q + ") FROM " + from()
        : "SELECT *, " + c.sql + " AS " + q + " FROM " + from());
  }

  public Dataset<Row> withColumnRenamed(String existing, String renamed) {
    if (Arrays.stream(columns()).noneMatch(n -> n.equalsIgnoreCase(existing))) {
      return derive(sql); // Spark: renaming a missing column is a no-op
    }
    List<String> items = new ArrayList<>();
    for (String n : columns()) {
      items.add(Column.quote(n) + (n.equalsIgnoreCase(existing) ? " AS " + Column.quote(renamed) : ""));
    }
    return derive("SELECT " + String.join(", ", items) + " FROM " + from());
  }

  public Dataset<Row> drop(String... names) {
    List<String> keep = new ArrayList<>();
    for (String n : columns()) {
      if (Arrays.stream(names).noneMatch(n::equalsIgnoreCase)) {
        keep.add(Column.quote(n));
      }
    }
    return derive("SELECT " + String.join(", ", keep) + " FROM " + from());
  }

  public RelationalGroupedDataset groupBy(Column... cols) {
    schema();
    return new RelationalGroupedDataset(session, from(), List.of(cols));
  }

  public RelationalGroupedDataset groupBy(String col, String... cols) {
    List<Column> all = new ArrayList<>();
    all.add(functions.col(col));
    Arrays.stream(cols).map(functions::col).forEach(all::add);
    return groupBy(all.toArray(new Column[0]));
  }

  public Dataset<Row> agg(Column expr, Column... exprs) { return groupBy().agg(expr, exprs); }

  public Dataset<Row> orderBy(Column... cols) {
    return derive("SELECT * FROM " + from() + " ORDER BY "
        + Arrays.stream(cols).map(c -> c.sql.endsWith("NULLS FIRST") || c.sql.endsWith("NULLS LAST") ? c.sql : c.asc().sql)
            .collect(Collectors.joining(", ")));
  }

  public Dataset<Row> orderBy(String col, String... cols) {
    List<Column> all = new ArrayList<>();
    all.add(functions.col(col));
    Arrays.stream(cols).map(functions::col).forEach(all::add);
    return orderBy(all.toArray(new Column[0]));
  }

  public Dataset<Row> sort(Column... cols) { return orderBy(cols); }
  public Dataset<Row> sort(String col, String... cols) { return orderBy(col, cols); }

  public Dataset<Row> limit(int n) { return derive("SELECT * FROM " + from() + " LIMIT " + n); }

  public Dataset<Row> dropDuplicates() { return distinct(); }

  public Dataset<Row> dropDuplicates(String... cols) {
    String keys = Arrays.stream(cols).map(Column::quote).collect(Collectors.joining(", "));
    // Spark keeps an arbitrary row per key; DuckDB's DISTINCT ON keeps the first one it sees
    return derive("SELECT DISTINCT ON (" + keys + ") * FROM " + from());
  }

  public Dataset<Row> distinct() { return derive("SELECT DISTINCT * FROM " + from()); }

  public Dataset<Row> union(Dataset<?> other) {
    if (other.columns().length != columns().length) {
      throw new AnalysisException("NUM_COLUMNS_MISMATCH", String.format(Locale.ROOT,
          "UNION can only be performed on inputs with the same number of columns, but the first input has %d columns and the second input has %d columns.",
          columns().length, other.columns().length), null);
    }
    return derive("SELECT * FROM " + from() + " UNION ALL SELECT * FROM " + other.from());
  }

  public Dataset<Row> unionAll(Dataset<?> other) { return union(other); }

  public Dataset<Row> unionByName(Dataset<?> other) {
    return derive("SELECT * FROM " + from() + " UNION ALL BY NAME SELECT * FROM " + other.from());
  }

  public Dataset<Row> join(Dataset<?> right) {
    return derive("SELECT * FROM " + from() + " CROSS JOIN " + right.from());
  }

  public Dataset<Row> join(Dataset<?> right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  public Dataset<Row> join(Dataset<?> right, List<String> usingColumns, String joinType) {
    String using = usingColumns.stream().map(Column::quote).collect(Collectors.joining(", "));
    return derive("SELECT * FROM " + from() + " " + joinKeyword(joinType) + " " + right.from() + " USING (" + using + ")");
  }

  public Dataset<Row> join(Dataset<?> right, Column condition) { return join(right, condition, "inner"); }

  public Dataset<Row> join(Dataset<?> right, Column condition, String joinType) {
    String kw = joinKeyword(joinType);
    String select = kw.startsWith("SEMI") || kw.startsWith("ANTI") ? "SELECT " + alias + ".*" : "SELECT *";
    return derive(select + " FROM " + from() + " " + kw + " " + right.from() + " ON " + condition.sql);
  }

  private static String joinKeyword(String joinType) {
    switch (joinType.toLowerCase(Locale.ROOT).replace("_", "")) {
      case "inner": return "JOIN";
      case "left": case "leftouter": return "LEFT JOIN";
      case "right": case "rightouter": return "RIGHT JOIN";
      case "full": case "outer": case "fullouter": return "FULL JOIN";
      case "leftsemi": case "semi": return "SEMI JOIN";
      case "leftanti": case "anti": return "ANTI JOIN";
      case "cross": return "JOIN";
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unsupported join type '%s'. Supported join types include: inner, outer, full, fullouter, full_outer, "
              + "leftouter, left, left_outer, rightouter, right, right_outer, leftsemi, left_semi, semi, leftanti, "
              + "left_anti, anti, cross.", joinType));
    }
  }

  public Dataset<T> alias(String name) { return as(name); }

  @SuppressWarnings("unchecked")
  public Dataset<T> as(String name) {
    return (Dataset<T>) new Dataset<Row>(session, "SELECT * FROM " + from());
  }

  public DataFrameWriter<T> write() { return new DataFrameWriter<>(this); }

  public void createOrReplaceTempView(String name) {
    session.engine().execute("CREATE OR REPLACE VIEW " + Column.quote(name) + " AS " + sql);
  }

  public List<Row> collectAsList() { return session.engine().query(sql); }

  /**
   * This frame's rows as Apache Arrow record batches, straight from DuckDB's Arrow export (no row-by-row copy).
   * mockspark only: Spark's Java API has no such method (PySpark 4 has {@code DataFrame.toArrow()}).
   *
   * <p>The batches (up to 65,536 rows each) are allocated in {@code allocator}; the caller must close the
   * reader, which releases them and what DuckDB held for the export. In-process the reader streams from its own
   * DuckDB connection, so the session's threads may keep running queries meanwhile; with
   * {@code confine.isolation=child-processes} the worker sends the result as one Arrow IPC stream. Read the
   * reader from one thread at a time (as any {@code ArrowReader}).
   */
  public org.apache.arrow.vector.ipc.ArrowReader toArrowReader(org.apache.arrow.memory.BufferAllocator allocator) {
    java.util.Objects.requireNonNull(allocator, "allocator");
    return session.engine().arrow(sql, allocator, 65_536);
  }

  public Row[] collect() { return collectAsList().toArray(new Row[0]); }

  public long count() {
    return ((Number) session.engine().query("SELECT count(*) FROM " + from()).get(0).get(0)).longValue();
  }

  public boolean isEmpty() { return limit(1).collectAsList().isEmpty(); }

  public Row first() {
    List<Row> rows = limit(1).collectAsList();
    if (rows.isEmpty()) {
      throw new java.util.NoSuchElementException("next on empty iterator");
    }
    return rows.get(0);
  }

  public Row head() { return first(); }
  public List<Row> takeAsList(int n) { return limit(n).collectAsList(); }
  public Row[] take(int n) { return takeAsList(n).toArray(new Row[0]); }
  public Row[] head(int n) { return take(n); }

  public void show() { show(20); }

  public void show(int n) { System.out.print(showString(n)); }

  String showString(int n) {
    List<Row> rows = limit(n).collectAsList();
    StructField[] fs = schema().fields();
    int[] w = new int[fs.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < fs.length; i++) {
      w[i] = Math.max(w[i], fs[i].name().length());
    }
    for (Row r : rows) {
      String[] cs = new String[fs.length];
      for (int i = 0; i < fs.length; i++) {
        cs[i] = r.get(i) == null ? "NULL" : String.valueOf(r.get(i));
        w[i] = Math.max(w[i], cs[i].length());
      }
      cells.add(cs);
    }
    StringBuilder sep = new StringBuilder("+");
    for (int x : w) {
      sep.append("-".repeat(x)).append('+');
    }
    StringBuilder out = new StringBuilder(sep).append('\n').append('|');
    for (int i = 0; i < fs.length; i++) {
      out.append(String.format(Locale.ROOT, "%" + w[i] + "s|", fs[i].name()));
    }
    out.append('\n').append(sep).append('\n');
    for (String[] cs : cells) {
      out.append('|');
      for (int i = 0; i < cs.length; i++) {
        out.append(String.format(Locale.ROOT, "%" + w[i] + "s|", cs[i]));
      }
      out.append('\n');
    }
    return out.append(sep).append('\n').toString();
  }
}
