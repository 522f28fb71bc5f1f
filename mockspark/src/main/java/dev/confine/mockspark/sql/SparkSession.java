package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import dev.confine.mockspark.internal.DdlRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point, as Spark's {@code SparkSession}, backed by its own embedded DuckDB database. Thread-safe: any
 * number of threads may use one session at once; each thread gets its own DuckDB connection, and all of them see
 * the same schemas and tables. Sessions do not see each other's tables. {@link #stop()} closes every connection.
 */
public final class SparkSession implements AutoCloseable {
  private static final Object ACTIVE_LOCK = new Object();
  private static SparkSession active; // guarded by ACTIVE_LOCK

  private final Map<String, String> conf;
  private final Map<String, String> runtimeConf = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<String> cachedTables = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /**
   * Selects the session's engine: {@code thread-confined} (default) or {@code child-processes}; the system property of
   * the same name sets the default for sessions that do not configure it.
   */
  static final String ISOLATION_KEY = "confine.isolation";
  /** Child-process mode: how long one statement may run in the worker (ISO-8601, default PT10M). */
  static final String CALL_TIMEOUT_KEY = "confine.isolation.callTimeout";
  /** Child-process mode: extra JVM options for the worker, space-separated (e.g. -Xmx512m). */
  static final String WORKER_JVM_ARGS_KEY = "confine.isolation.workerJvmArgs";

  private final DdlRegistry ddlRegistry = new DdlRegistry("mockspark");
  private final boolean protectDdl;
  private final SessionEngine engine;

  private SparkSession(Map<String, String> conf) {
    this.conf = Map.copyOf(conf);
    String threads = conf.getOrDefault("confine.duckdb.threads", "1");
    int n;
    try {
      n = Integer.parseInt(threads.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "confine.duckdb.threads must be a positive integer, got '%s'", threads), e);
    }
    if (n < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "confine.duckdb.threads must be a positive integer, got '%s'", threads));
    }
    this.engine = openEngine(conf, n);
    // off only to show, in tests, the conflicts the lock and retry prevent
    this.protectDdl = !"false".equalsIgnoreCase(conf.getOrDefault("confine.ddl.protect", "true"));
  }

  /** Where this session's SQL runs, from {@code confine.isolation}: in-process (default) or a worker JVM. */
  private static SessionEngine openEngine(Map<String, String> conf, int duckdbThreads) {
    // a JVM-wide default (-Dconfine.isolation=...) lets a whole test suite run under either mode unchanged
    String configured = conf.getOrDefault(ISOLATION_KEY, System.getProperty(ISOLATION_KEY, "thread-confined"));
    String mode = configured.trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "thread-confined":
      case "in-process":
        return new Engine(duckdbThreads);
      case "child-processes":
      case "child-process":
        String timeout = conf.getOrDefault(CALL_TIMEOUT_KEY, "PT10M");
        Duration callTimeout;
        try {
          callTimeout = Duration.parse(timeout.trim());
        } catch (java.time.format.DateTimeParseException e) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "%s must be an ISO-8601 duration such as PT30S, got '%s'", CALL_TIMEOUT_KEY, timeout), e);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "%s must be positive, got '%s'", CALL_TIMEOUT_KEY, timeout));
        }
        String jvmArgs = conf.getOrDefault(WORKER_JVM_ARGS_KEY, "").trim();
        return new ChildProcessEngine(duckdbThreads, callTimeout,
            jvmArgs.isEmpty() ? List.of() : List.of(jvmArgs.split("\\s+")));
      default:
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s must be 'thread-confined' (the default: in-process, one DuckDB connection per thread) or"
                + " 'child-processes' (the session's database in its own worker JVM), got '%s'",
            ISOLATION_KEY, configured));
    }
  }

  public static Builder builder() { return new Builder(); }

  public static SparkSession active() {
    synchronized (ACTIVE_LOCK) {
      if (active == null) {
        throw new IllegalStateException("No active SparkSession: create one with SparkSession.builder().getOrCreate()");
      }
      return active;
    }
  }

  SessionEngine engine() { return engine; }

  /** A session on a fresh, separate DuckDB database (mockspark does not share tables between sessions). */
  public SparkSession newSession() { return new SparkSession(conf); }

  /** A new separate session with one configuration value changed (tests use it to switch DDL protection off). */
  SparkSession newSessionWith(String key, String value) {
    Map<String, String> c = new LinkedHashMap<>(conf);
    c.put(key, value);
    return new SparkSession(c);
  }

  /** The session's catalog (databases, tables, views, columns, functions); see {@link dev.confine.mockspark.sql.catalog.Catalog}. */
  public dev.confine.mockspark.sql.catalog.Catalog catalog() {
    return dev.confine.mockspark.internal.CatalogAccess.newCatalog(new SessionCatalogOps(this));
  }

  /** Names of tables marked cached through the catalog or CACHE TABLE (lower case, DuckDB-quoted). */
  java.util.Set<String> cachedTables() {
    return cachedTables;
  }

  /** A typed frame of the values, as Spark's {@code createDataset(List, Encoder)}. */
  public <T> Dataset<T> createDataset(List<T> data, Encoder<T> encoder) {
    java.util.Objects.requireNonNull(data, "data");
    Encoders.Impl<T> impl = Encoders.impl(encoder);
    List<Row> rows = new ArrayList<>(data.size());
    for (T value : data) {
      rows.add(impl.toRow(value));
    }
    return createDataFrame(rows, encoder.schema()).as(encoder);
  }

  /** Rows from Java beans, one column per bean property, ordered by property name (as Spark orders them). */
  public Dataset<Row> createDataFrame(List<?> data, Class<?> beanClass) {
    java.util.Objects.requireNonNull(data, "data");
    java.util.Objects.requireNonNull(beanClass, "beanClass");
    return Beans.frame(this, data, beanClass);
  }

  public String conf(String key) {
    String runtime = runtimeConf.get(key);
    return runtime != null ? runtime : conf.get(key);
  }

  /**
   * Runs one Spark SQL statement: a query (SELECT, WITH, VALUES, FROM, TABLE) becomes a lazy frame; DDL, INSERT,
   * USE, CACHE and the like run now; DESCRIBE, SHOW and SET return their result rows. Spark-only syntax is
   * translated to DuckDB's; what mockspark cannot run fails with an {@link AnalysisException}
   * ({@code PARSE_SYNTAX_ERROR} naming the token), never with an empty frame.
   */
  public Dataset<Row> sql(String sqlText) {
    return SqlStatements.run(this, sqlText);
  }

  /** Reads files (csv, parquet, json) into a frame, as Spark's {@code spark.read()}. */
  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  /** Runtime configuration set through SQL {@code SET key=value}; the builder's values stay in {@code conf}. */
  Map<String, String> runtimeConf() {
    return runtimeConf;
  }

  /** Runs DuckDB DDL on one object under that object's lock, retrying DuckDB's write-write conflicts. */
  void executeDdl(String objectKey, String duckSql) {
    if (!protectDdl) {
      engine.execute(duckSql);
      return;
    }
    // one lock per object name serialises DDL on the same object in this session; the retry with jittered
    // back-off covers conflicts with DDL on related objects (e.g. a schema and a table in it)
    int space = objectKey.indexOf(' ');
    ddlRegistry.run(objectKey.substring(0, space), objectKey.substring(space + 1), () -> {
      engine.execute(duckSql);
      return null;
    });
  }

  public Dataset<Row> table(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("table name is empty: pass a name such as \"sales\" or \"db.sales\"");
    }
    Dataset<Row> d = new Dataset<>(this, "SELECT * FROM " + SqlTranslator.tableName(SqlLexer.parse(name), name));
    d.schema();
    return d;
  }

  public Dataset<Row> range(long end) { return range(0, end); }

  public Dataset<Row> range(long start, long end) { return range(start, end, 1); }

  public Dataset<Row> range(long start, long end, long step) {
    return new Dataset<>(this, "SELECT range AS id FROM range(" + start + ", " + end + ", " + step + ")");
  }

  public Dataset<Row> createDataFrame(List<Row> rows, StructType schema) {
    if (schema == null) {
      throw new IllegalArgumentException("createDataFrame needs a schema: pass a StructType built with DataTypes.createStructType");
    }
    StructField[] fs = schema.fields();
    List<String> cols = new ArrayList<>();
    for (StructField f : fs) {
      cols.add("CAST(" + "NULL AS " + f.dataType().sqlType() + ") AS " + Column.quote(f.name()));
    }
    StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", cols) + " WHERE false");
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row.size() != fs.length) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Row %d has %d values but the schema has %d fields (%s)", r, row.size(), fs.length, schema.simpleString()));
      }
      List<String> vals = new ArrayList<>();
      for (int i = 0; i < fs.length; i++) {
        vals.add("CAST(" + Column.lit(row.get(i)).sql + " AS " + fs[i].dataType().sqlType() + ")");
      }
      sql.append(" UNION ALL SELECT ").append(String.join(", ", vals));
    }
    return Dataset.declared(this, sql.toString(), schema);
  }

  public void stop() {
    engine.close();
    synchronized (ACTIVE_LOCK) {
      if (active == this) {
        active = null;
      }
    }
  }

  @Override
  public void close() { stop(); }

  /** Builds or returns the active session. Not thread-safe itself; {@link #getOrCreate()} is. */
  public static final class Builder {
    private final Map<String, String> conf = new LinkedHashMap<>();

    private Builder() {}

    public Builder appName(String name) { return config("spark.app.name", name); }
    /** Accepted for compatibility; mockspark always runs embedded. */
    public Builder master(String master) { return config("spark.master", master); }
    public Builder config(String key, String value) { conf.put(key, value); return this; }
    public Builder config(String key, long value) { return config(key, Long.toString(value)); }
    public Builder config(String key, boolean value) { return config(key, Boolean.toString(value)); }
    public Builder config(String key, double value) { return config(key, Double.toString(value)); }

    public SparkSession getOrCreate() {
      synchronized (ACTIVE_LOCK) {
        if (active == null || active.engine.isClosed()) {
          active = new SparkSession(conf);
        }
        return active;
      }
    }
  }
}
