package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
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
  /** Turns a result row into a T; null for {@code Dataset<Row>}. */
  private final Function<Row, T> decoder;
  /**
   * For a join on a condition: the FROM clause of the join, whose sides keep their own aliases, so that
   * {@code left.col("x")} still resolves in a select, filter or order on the joined frame (as in Spark, where
   * columns carry their origin); null otherwise.
   */
  private final String joinFrom;
  /** The sides of a condition join, left to right (flattened for joins of joins); empty otherwise. */
  private final List<Dataset<?>> sides;
  /** The schema the user declared (createDataFrame), kept for its nullability flags; null otherwise. */
  private final StructType declared;
  private volatile StructType schema;

  Dataset(SparkSession session, String sql) {
    this(session, sql, null, null, List.of(), null);
  }

  private Dataset(SparkSession session, String sql, Function<Row, T> decoder, String joinFrom, List<Dataset<?>> sides,
      StructType declared) {
    this.session = session;
    this.sql = sql;
    this.alias = "q" + IDS.incrementAndGet();
    this.decoder = decoder;
    this.joinFrom = joinFrom;
    this.sides = List.copyOf(sides);
    this.declared = declared;
  }

  /** A frame of rows with the schema the user declared (its nullability flags are reported by {@link #schema()}). */
  static Dataset<Row> declared(SparkSession session, String sql, StructType declared) {
    return new Dataset<>(session, sql, null, null, List.of(), declared);
  }

  /** A typed frame whose rows are decoded into T on collection (the catalog's {@code Dataset<Table>}). */
  static <T> Dataset<T> typed(SparkSession session, String sql, Function<Row, T> decoder) {
    return new Dataset<>(session, sql, decoder, null, List.of(), null);
  }

  private Dataset<Row> derive(String newSql) {
    Dataset<Row> d = new Dataset<>(session, newSql);
    d.schema(); // eager analysis, as in Spark
    return d;
  }

  /** A derived frame of the same element type (filter, order, limit, set operations keep T, as in Spark). */
  private Dataset<T> same(String newSql) {
    Dataset<T> d = new Dataset<>(session, newSql, decoder, null, List.of(), null);
    d.schema(); // eager analysis, as in Spark
    return d;
  }

  private String from() {
    return joinFrom != null ? joinFrom : "(" + sql + ") AS " + alias;
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
      if (joinFrom != null && !sides.isEmpty()) {
        // DuckDB renames duplicate names in a subquery (dept, dept_1); Spark keeps both sides' names
        StructType both = new StructType();
        for (Dataset<?> side : sides) {
          for (StructField f : side.schema().fields()) {
            both = both.add(f);
          }
        }
        if (both.length() == s.length()) {
          s = both;
        }
      } else if (declared != null && declared.length() == s.length()) {
        StructField[] got = s.fields();
        StructField[] want = declared.fields();
        StructType merged = new StructType();
        for (int i = 0; i < got.length; i++) {
          merged = merged.add(got[i].name(), got[i].dataType(), want[i].nullable());
        }
        s = merged;
      }
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

  /**
   * A column of this frame, qualified so it stays unambiguous in joins. A name no side has fails with
   * {@code UNRESOLVED_COLUMN}; a name both sides of a join have fails with {@code AMBIGUOUS_REFERENCE}.
   */
  public Column col(String name) {
    if (name.equals("*")) {
      return joinFrom != null ? new Column("*", "*", false) : new Column(alias + ".*", "*", false);
    }
    if (joinFrom != null && !sides.isEmpty()) {
      List<Dataset<?>> having = new ArrayList<>();
      for (Dataset<?> side : sides) {
        if (Arrays.stream(side.columns()).anyMatch(n -> n.equalsIgnoreCase(name))) {
          having.add(side);
        }
      }
      if (having.size() == 1) {
        return having.get(0).col(name);
      }
      if (having.size() > 1) {
        throw new AnalysisException("AMBIGUOUS_REFERENCE", String.format(Locale.ROOT,
            "Reference `%s` is ambiguous, could be: both sides of the join. Use the side's own col(\"%s\").", name, name), null);
      }
    }
    StructField[] fs = schema().fields();
    for (StructField f : fs) {
      if (f.name().equalsIgnoreCase(name)) {
        return new Column(alias + "." + Column.quote(f.name()), f.name(), false);
      }
    }
    throw unresolved(name, columns());
  }

  static AnalysisException unresolved(String name, String[] candidates) {
    if (candidates.length == 0) {
      return new AnalysisException("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", String.format(Locale.ROOT,
          "A column, variable, or function parameter with name `%s` cannot be resolved.", name), null);
    }
    List<String> sorted = new ArrayList<>(Arrays.asList(candidates));
    sorted.sort(java.util.Comparator.comparingInt((String c) -> editDistance(c.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))));
    return new AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION", String.format(Locale.ROOT,
        "A column, variable, or function parameter with name `%s` cannot be resolved. Did you mean one of the following? [%s].",
        name, sorted.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "))), null);
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
    List<String> translated = new ArrayList<>();
    for (String e : exprs) {
      translated.add(SqlTranslator.selectItem(e));
    }
    return derive("SELECT " + String.join(", ", translated) + " FROM " + from());
  }

  public Dataset<T> filter(Column condition) {
    java.util.Objects.requireNonNull(condition, "condition");
    return same("SELECT * FROM " + from() + " WHERE " + condition.sql);
  }

  public Dataset<T> filter(String condition) {
    java.util.Objects.requireNonNull(condition, "condition");
    return same("SELECT * FROM " + from() + " WHERE " + SqlTranslator.expression(condition));
  }

  public Dataset<T> where(Column condition) { return filter(condition); }
  public Dataset<T> where(String condition) { return filter(condition); }

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
    if (keep.isEmpty()) {
      return derive("SELECT * EXCLUDE (" + Arrays.stream(columns()).map(Column::quote).collect(Collectors.joining(", "))
          + ") FROM " + from());
    }
    return derive("SELECT " + String.join(", ", keep) + " FROM " + from());
  }

  /** All columns renamed positionally (Spark's {@code toDF(names...)}); no names: the same frame as a Dataset of rows. */
  public Dataset<Row> toDF(String... names) {
    if (names.length == 0) {
      return derive("SELECT * FROM " + from());
    }
    String[] cols = columns();
    if (names.length != cols.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "toDF needs one name per column: the frame has %d columns (%s), %d names were given",
          cols.length, String.join(", ", cols), names.length));
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      items.add("#" + (i + 1) + " AS " + Column.quote(names[i]));
    }
    return derive("SELECT " + String.join(", ", items) + " FROM " + from());
  }

  public DataFrameNaFunctions na() { return new DataFrameNaFunctions(this); }

  public RelationalGroupedDataset groupBy(Column... cols) {
    schema();
    return new RelationalGroupedDataset(session, from(), List.of(cols));
  }

  public RelationalGroupedDataset groupBy(String col, String... cols) {
    // names are checked here: DuckDB's GROUP BY error for a missing column does not name candidates
    for (String c : prepend(col, cols)) {
      if (c.indexOf('.') < 0 && c.indexOf('`') < 0 && Arrays.stream(columns()).noneMatch(c::equalsIgnoreCase)) {
        throw unresolved(c, columns());
      }
    }
    List<Column> all = new ArrayList<>();
    all.add(functions.col(col));
    Arrays.stream(cols).map(functions::col).forEach(all::add);
    return groupBy(all.toArray(new Column[0]));
  }

  private static String[] prepend(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  public Dataset<Row> agg(Column expr, Column... exprs) { return groupBy().agg(expr, exprs); }

  /** Spark's {@code agg(Map.of("salary", "max"))}: one aggregate per column, named like {@code max(salary)}. */
  public Dataset<Row> agg(java.util.Map<String, String> exprs) { return groupBy().agg(exprs); }

  public Dataset<T> orderBy(Column... cols) {
    return same("SELECT * FROM " + from() + " ORDER BY "
        + Arrays.stream(cols).map(c -> c.sql.endsWith("NULLS FIRST") || c.sql.endsWith("NULLS LAST") ? c.sql : c.asc().sql)
            .collect(Collectors.joining(", ")));
  }

  public Dataset<T> orderBy(String col, String... cols) {
    List<Column> all = new ArrayList<>();
    all.add(functions.col(col));
    Arrays.stream(cols).map(functions::col).forEach(all::add);
    return orderBy(all.toArray(new Column[0]));
  }

  public Dataset<T> sort(Column... cols) { return orderBy(cols); }
  public Dataset<T> sort(String col, String... cols) { return orderBy(col, cols); }

  public Dataset<T> limit(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "limit must be 0 or more, got %d", n));
    }
    return same("SELECT * FROM " + from() + " LIMIT " + n);
  }

  public Dataset<T> dropDuplicates() { return distinct(); }

  public Dataset<T> dropDuplicates(String... cols) {
    if (cols.length == 0) {
      return distinct();
    }
    for (String c : cols) {
      if (Arrays.stream(columns()).noneMatch(c::equalsIgnoreCase)) {
        throw unresolved(c, columns());
      }
    }
    String keys = Arrays.stream(cols).map(Column::quote).collect(Collectors.joining(", "));
    // Spark keeps an arbitrary row per key; DuckDB's DISTINCT ON keeps the first one it sees
    return same("SELECT DISTINCT ON (" + keys + ") * FROM " + from());
  }

  public Dataset<T> distinct() { return same("SELECT DISTINCT * FROM " + from()); }

  private void sameColumnCount(Dataset<?> other, String op) {
    if (other.columns().length != columns().length) {
      throw new AnalysisException("NUM_COLUMNS_MISMATCH", String.format(Locale.ROOT,
          "%s can only be performed on inputs with the same number of columns, but the first input has %d columns and the second input has %d columns.",
          op, columns().length, other.columns().length), null);
    }
  }

  public Dataset<T> union(Dataset<?> other) {
    sameColumnCount(other, "UNION");
    return same("SELECT * FROM " + from() + " UNION ALL SELECT * FROM " + other.from());
  }

  public Dataset<T> unionAll(Dataset<?> other) { return union(other); }

  public Dataset<T> unionByName(Dataset<?> other) { return unionByName(other, false); }

  /** Union matching columns by name; with {@code allowMissingColumns} a column one side lacks is null there. */
  public Dataset<T> unionByName(Dataset<?> other, boolean allowMissingColumns) {
    if (!allowMissingColumns) {
      sameColumnCount(other, "UNION");
      for (String c : columns()) {
        if (Arrays.stream(other.columns()).noneMatch(c::equalsIgnoreCase)) {
          throw unresolved(c, other.columns());
        }
      }
    }
    return same("SELECT * FROM " + from() + " UNION ALL BY NAME SELECT * FROM " + other.from());
  }

  /** Rows in both frames, without duplicates (Spark's {@code intersect}; nulls compare equal). */
  public Dataset<T> intersect(Dataset<?> other) {
    sameColumnCount(other, "INTERSECT");
    return same("SELECT * FROM " + from() + " INTERSECT SELECT * FROM " + other.from());
  }

  public Dataset<T> intersectAll(Dataset<?> other) {
    sameColumnCount(other, "INTERSECT ALL");
    return same("SELECT * FROM " + from() + " INTERSECT ALL SELECT * FROM " + other.from());
  }

  /** Rows of this frame not in the other, without duplicates (Spark's {@code except}). */
  public Dataset<T> except(Dataset<?> other) {
    sameColumnCount(other, "EXCEPT");
    return same("SELECT * FROM " + from() + " EXCEPT SELECT * FROM " + other.from());
  }

  public Dataset<T> exceptAll(Dataset<?> other) {
    sameColumnCount(other, "EXCEPT ALL");
    return same("SELECT * FROM " + from() + " EXCEPT ALL SELECT * FROM " + other.from());
  }

  public Dataset<Row> crossJoin(Dataset<?> right) {
    java.util.Objects.requireNonNull(right, "right");
    return joined(from() + " CROSS JOIN " + right.from(), right);
  }

  public Dataset<Row> join(Dataset<?> right) { return crossJoin(right); }

  public Dataset<Row> join(Dataset<?> right, String usingColumn) {
    return join(right, new String[] {usingColumn}, "inner");
  }

  public Dataset<Row> join(Dataset<?> right, String[] usingColumns) {
    return join(right, usingColumns, "inner");
  }

  public Dataset<Row> join(Dataset<?> right, List<String> usingColumns, String joinType) {
    return join(right, usingColumns.toArray(new String[0]), joinType);
  }

  /**
   * Join on equal values of the named columns, as Spark does it: the key columns once, first (for a full outer
   * join the non-null one of the two sides; for a right join the right side's), then this frame's other columns,
   * then the right frame's; semi and anti joins keep this frame's columns only. Null keys never match.
   */
  public Dataset<Row> join(Dataset<?> right, String[] usingColumns, String joinType) {
    java.util.Objects.requireNonNull(right, "right");
    java.util.Objects.requireNonNull(usingColumns, "usingColumns");
    java.util.Objects.requireNonNull(joinType, "joinType");
    String kw = joinKeyword(joinType);
    if (kw.equals("CROSS")) {
      kw = "JOIN";
    }
    List<String> select = new ArrayList<>();
    List<String> on = new ArrayList<>();
    List<String> keysLower = new ArrayList<>();
    for (String k : usingColumns) {
      String leftName = realName(k, columns(), "left");
      String rightName = realName(k, right.columns(), "right");
      Column l = col(leftName);
      Column r = right.col(rightName);
      on.add(l.sql + " = " + r.sql);
      keysLower.add(k.toLowerCase(Locale.ROOT));
      String key = kw.equals("RIGHT JOIN") ? r.sql : kw.equals("FULL JOIN") ? "coalesce(" + l.sql + ", " + r.sql + ")" : l.sql;
      select.add(key + " AS " + Column.quote(leftName));
    }
    for (String c : columns()) {
      if (!keysLower.contains(c.toLowerCase(Locale.ROOT))) {
        select.add(col(c).sql + " AS " + Column.quote(c));
      }
    }
    boolean leftOnly = kw.equals("SEMI JOIN") || kw.equals("ANTI JOIN");
    if (!leftOnly) {
      for (String c : right.columns()) {
        if (!keysLower.contains(c.toLowerCase(Locale.ROOT))) {
          select.add(right.col(c).sql + " AS " + Column.quote(c));
        }
      }
    }
    String onClause = on.isEmpty() ? "true" : String.join(" AND ", on);
    return derive("SELECT " + String.join(", ", select) + " FROM " + from() + " " + kw + " " + right.from() + " ON " + onClause);
  }

  private static String realName(String key, String[] columns, String side) {
    for (String c : columns) {
      if (c.equalsIgnoreCase(key)) {
        return c;
      }
    }
    throw new AnalysisException("UNRESOLVED_USING_COLUMN_FOR_JOIN", String.format(Locale.ROOT,
        "USING column `%s` cannot be resolved on the %s side of the join. The %s-side columns: [%s].",
        key, side, side, String.join(", ", columns)), null);
  }

  public Dataset<Row> join(Dataset<?> right, Column condition) { return join(right, condition, "inner"); }

  /**
   * Join on a condition. The result keeps both sides' columns (semi and anti joins: this frame's only), and
   * {@code left.col(..)}/{@code right.col(..)} keep resolving on it.
   */
  public Dataset<Row> join(Dataset<?> right, Column condition, String joinType) {
    java.util.Objects.requireNonNull(right, "right");
    java.util.Objects.requireNonNull(condition, "condition");
    java.util.Objects.requireNonNull(joinType, "joinType");
    String kw = joinKeyword(joinType);
    if (kw.equals("CROSS")) {
      kw = "JOIN";
    }
    String joinClause = from() + " " + kw + " " + right.from() + " ON " + condition.sql;
    if (kw.equals("SEMI JOIN") || kw.equals("ANTI JOIN")) {
      String leftCols = Arrays.stream(columns()).map(c -> col(c).sql + " AS " + Column.quote(c)).collect(Collectors.joining(", "));
      return derive("SELECT " + leftCols + " FROM " + joinClause);
    }
    return joined(joinClause, right);
  }

  private Dataset<Row> joined(String joinClause, Dataset<?> right) {
    List<Dataset<?>> all = new ArrayList<>();
    if (joinFrom != null && !sides.isEmpty()) {
      all.addAll(sides);
    } else {
      all.add(this);
    }
    if (right.joinFrom != null && !right.sides.isEmpty()) {
      all.addAll(right.sides);
    } else {
      all.add(right);
    }
    Dataset<Row> d = new Dataset<>(session, "SELECT * FROM " + joinClause, null, joinClause, all, null);
    d.schema();
    return d;
  }

  private static String joinKeyword(String joinType) {
    switch (joinType.toLowerCase(Locale.ROOT).replace("_", "")) {
      case "inner": return "JOIN";
      case "left": case "leftouter": return "LEFT JOIN";
      case "right": case "rightouter": return "RIGHT JOIN";
      case "full": case "outer": case "fullouter": return "FULL JOIN";
      case "leftsemi": case "semi": return "SEMI JOIN";
      case "leftanti": case "anti": return "ANTI JOIN";
      case "cross": return "CROSS";
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unsupported join type '%s'. Supported join types include: inner, outer, full, fullouter, full_outer, "
              + "leftouter, left, left_outer, rightouter, right, right_outer, leftsemi, left_semi, semi, leftanti, "
              + "left_anti, anti, cross.", joinType));
    }
  }

  /**
   * This frame's rows read as T (Spark's {@code as(Encoder)}): a bean's properties are filled from the columns of
   * the same names, a single-value encoder takes the first column. A bean property without a column fails here with
   * {@code UNRESOLVED_COLUMN}.
   */
  public <U> Dataset<U> as(Encoder<U> encoder) {
    Encoders.Impl<U> impl = Encoders.impl(encoder);
    if (encoder.schema().length() > 1 || !encoder.schema().fields()[0].name().equals("value")) {
      for (String needed : encoder.schema().fieldNames()) {
        if (Arrays.stream(columns()).noneMatch(needed::equalsIgnoreCase)) {
          throw unresolved(needed, columns());
        }
      }
    }
    Dataset<U> d = new Dataset<>(session, sql, impl::fromRow, null, List.of(), null);
    d.schema();
    return d;
  }

  public Dataset<T> alias(String name) { return as(name); }

  public Dataset<T> as(String name) {
    return new Dataset<>(session, "SELECT * FROM " + from(), decoder, null, List.of(), null);
  }

  /**
   * Basic statistics as Spark's {@code describe}: a {@code summary} column (count, mean, stddev, min, max) and one
   * string column per described column (no names: every numeric and string column). Mean and stddev are null for
   * values that are not numbers; formatted as Java formats doubles, as Spark's cast to string does.
   */
  public Dataset<Row> describe(String... cols) {
    List<String> names = new ArrayList<>();
    if (cols.length == 0) {
      for (StructField f : schema().fields()) {
        String t = f.dataType().simpleString();
        if (t.equals("string") || t.equals("int") || t.equals("bigint") || t.equals("smallint") || t.equals("tinyint")
            || t.equals("double") || t.equals("float") || t.startsWith("decimal(")) {
          names.add(f.name());
        }
      }
    } else {
      for (String c : cols) {
        col(c); // fails with UNRESOLVED_COLUMN for a missing name
        names.add(c);
      }
    }
    String[][] stats = new String[5][names.size()];
    for (int i = 0; i < names.size(); i++) {
      String c = col(names.get(i)).sql;
      Row r = session.engine().query("SELECT count(" + c + "), avg(TRY_CAST(" + c + " AS DOUBLE)), stddev_samp(TRY_CAST(" + c
          + " AS DOUBLE)), CAST(min(" + c + ") AS VARCHAR), CAST(max(" + c + ") AS VARCHAR) FROM " + from()).get(0);
      stats[0][i] = String.valueOf(((Number) r.get(0)).longValue());
      stats[1][i] = r.get(1) == null ? null : String.valueOf(((Number) r.get(1)).doubleValue());
      stats[2][i] = r.get(2) == null ? null : String.valueOf(((Number) r.get(2)).doubleValue());
      stats[3][i] = (String) r.get(3);
      stats[4][i] = (String) r.get(4);
    }
    StructType out = new StructType().add("summary", dev.confine.mockspark.sql.types.DataTypes.StringType);
    for (String n : names) {
      out = out.add(n, dev.confine.mockspark.sql.types.DataTypes.StringType);
    }
    String[] labels = {"count", "mean", "stddev", "min", "max"};
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < labels.length; k++) {
      Object[] vals = new Object[names.size() + 1];
      vals[0] = labels[k];
      System.arraycopy(stats[k], 0, vals, 1, names.size());
      rows.add(RowFactory.create(vals));
    }
    return session.createDataFrame(rows, out);
  }

  /** Accepted for compatibility: DuckDB keeps nothing to cache per frame; returns this frame. */
  public Dataset<T> cache() { return this; }

  /** As {@link #cache()}. */
  public Dataset<T> persist() { return this; }

  /** As {@link #cache()}. */
  public Dataset<T> unpersist() { return this; }

  /** Accepted for compatibility (one embedded engine, no partitions); returns this frame's rows unchanged. */
  public Dataset<T> repartition(int numPartitions) { return same("SELECT * FROM " + from()); }

  /** As {@link #repartition(int)}. */
  public Dataset<T> coalesce(int numPartitions) { return same("SELECT * FROM " + from()); }

  /**
   * Several columns added or replaced at once; every expression sees this frame's columns as they were (as in
   * Spark), new columns are appended in the map's iteration order.
   */
  public Dataset<Row> withColumns(java.util.Map<String, Column> colsMap) {
    List<String> items = new ArrayList<>();
    List<String> used = new ArrayList<>();
    for (String n : columns()) {
      String replaced = null;
      for (java.util.Map.Entry<String, Column> e : colsMap.entrySet()) {
        if (e.getKey().equalsIgnoreCase(n)) {
          replaced = e.getValue().sql + " AS " + Column.quote(n);
          used.add(e.getKey());
        }
      }
      items.add(replaced != null ? replaced : Column.quote(n));
    }
    for (java.util.Map.Entry<String, Column> e : colsMap.entrySet()) {
      if (!used.contains(e.getKey())) {
        items.add(e.getValue().sql + " AS " + Column.quote(e.getKey()));
      }
    }
    return derive("SELECT " + String.join(", ", items) + " FROM " + from());
  }

  public DataFrameWriter<T> write() { return new DataFrameWriter<>(this); }

  public void createOrReplaceTempView(String name) {
    session.engine().execute("CREATE OR REPLACE VIEW " + Column.quote(name) + " AS " + sql);
  }

  private T decode(Row r) {
    @SuppressWarnings("unchecked")
    T t = decoder == null ? (T) r : decoder.apply(r);
    return t;
  }

  public List<T> collectAsList() {
    List<Row> rows = session.engine().query(sql);
    List<T> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(decode(r));
    }
    return out;
  }

  /** All rows as an array ({@code Row[]} for a frame of rows); typed {@code Object} as Spark's Java signature is. */
  public Object collect() { return toArray(collectAsList()); }

  private Object toArray(List<T> rows) {
    if (decoder == null) {
      return rows.toArray(new Row[0]);
    }
    return rows.toArray();
  }

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


  public long count() {
    return ((Number) session.engine().query("SELECT count(*) FROM " + from()).get(0).get(0)).longValue();
  }

  public boolean isEmpty() { return limitTyped(1).isEmpty(); }

  private List<T> limitTyped(int n) {
    List<Row> rows = session.engine().query("SELECT * FROM " + from() + " LIMIT " + n);
    List<T> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(decode(r));
    }
    return out;
  }

  public T first() {
    List<T> rows = limitTyped(1);
    if (rows.isEmpty()) {
      throw new java.util.NoSuchElementException("next on empty iterator");
    }
    return rows.get(0);
  }

  public T head() { return first(); }
  public List<T> takeAsList(int n) { return limitTyped(n); }

  /** The first n rows as an array; typed {@code Object} as Spark's Java signature is (cast to {@code Row[]}). */
  public Object take(int n) { return toArray(limitTyped(n)); }

  /** As {@link #take(int)}. */
  public Object head(int n) { return take(n); }

  public void show() { show(20); }

  public void show(int n) { System.out.print(showString(n)); }

  String showString(int n) {
    List<Row> rows = session.engine().query("SELECT * FROM " + from() + " LIMIT " + n);
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
