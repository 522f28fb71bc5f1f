package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import dev.confine.mockspark.worker.ArrowExports;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One DuckDB in-memory instance per session, one connection per thread. A thread's connection is created from
 * the session's root connection (DuckDB's {@code duplicate()}, which shares the database instance, so every
 * thread sees every table) and used only by that thread; connections of dead threads are closed on the next
 * lookup, all of them on {@link #close()}.
 */
final class Engine implements SessionEngine {
  private final Connection root; // guarded by synchronized(this) for duplicate()
  private final Map<Thread, Connection> byThread = new ConcurrentHashMap<>();
  // connections of Arrow readers not closed yet: each export reads on its own connection (closed with the reader)
  private final Set<Connection> exports = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  // the session's current database; each connection applies it lazily (see setCurrentSchema)
  private volatile String currentSchema = "main";
  private final Map<Connection, String> appliedSchema = new ConcurrentHashMap<>();

  Engine(int threads) {
    try {
      java.util.Properties props = new java.util.Properties();
      // each DuckDB instance otherwise starts one worker thread per core
      props.setProperty("threads", Integer.toString(threads));
      root = dev.confine.mockspark.worker.DuckDbDriver.connect(props);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open DuckDB in-memory database: " + e.getMessage(), e);
    }
  }

  Connection connection() {
    if (closed) {
      throw new IllegalStateException("SparkSession is stopped: create a new one with SparkSession.builder().getOrCreate()");
    }
    Thread me = Thread.currentThread();
    Connection c = byThread.get(me);
    if (c != null) {
      applySearchPath(c);
      return c;
    }
    byThread.entrySet().removeIf(e -> {
      if (!e.getKey().isAlive()) {
        appliedSchema.remove(e.getValue());
        closeQuietly(e.getValue());
        return true;
      }
      return false;
    });
    c = duplicate();
    byThread.put(me, c);
    applySearchPath(c);
    return c;
  }

  /** A new connection to this session's database instance (DuckDB's {@code duplicate()}). */
  private Connection duplicate() {
    try {
      synchronized (this) {
        return (Connection) root.getClass().getMethod("duplicate").invoke(root);
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DuckDB connection cannot be duplicated: " + e, e);
    }
  }

  @Override
  public void execute(String sql) {
    try (Statement st = connection().createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  @Override
  public StructType schema(String sql) {
    try (Statement st = connection().createStatement();
         ResultSet rs = st.executeQuery("SELECT * FROM (" + sql + ") LIMIT 0")) {
      return schemaOf(rs.getMetaData());
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  static StructType schemaOf(ResultSetMetaData md) throws SQLException {
    StructField[] fields = new StructField[md.getColumnCount()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(md.getColumnLabel(i + 1), DataTypes.fromSqlType(md.getColumnTypeName(i + 1)), true);
    }
    return new StructType(fields);
  }

  @Override
  public List<Row> query(String sql) {
    try (Statement st = connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      StructType schema = schemaOf(rs.getMetaData());
      List<Row> rows = new ArrayList<>();
      int n = schema.length();
      while (rs.next()) {
        Object[] vals = new Object[n];
        for (int i = 0; i < n; i++) {
          vals[i] = Values.fromJdbc(rs.getObject(i + 1), schema.apply(i).dataType());
        }
        rows.add(new Row(vals, schema));
      }
      return rows;
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  /** A schema from column names and DuckDB type names, as {@link #schemaOf(ResultSetMetaData)} builds it. */
  static StructType schemaOf(List<String> names, List<String> duckdbTypes) {
    StructField[] fields = new StructField[names.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = new StructField(names.get(i), DataTypes.fromSqlType(duckdbTypes.get(i)), true);
    }
    return new StructType(fields);
  }

  @Override
  public ArrowReader arrow(String sql, BufferAllocator allocator, int batchRows) {
    if (closed) {
      throw new IllegalStateException("SparkSession is stopped: create a new one with SparkSession.builder().getOrCreate()");
    }
    // its own connection: a streaming DuckDB result dies when its connection runs the next query, and the
    // caller's thread connection will run more queries while the reader is being read
    Connection c = duplicate();
    exports.add(c);
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      applySearchPath(c); // the session's current database applies to exports too
      Statement st = c.createStatement();
      owned.add(st);
      ResultSet rs = st.executeQuery(sql);
      owned.add(0, rs);
      ArrowReader duck = ArrowExports.export(rs, allocator, batchRows);
      owned.add(0, duck);
      owned.add(() -> {
        exports.remove(c);
        appliedSchema.remove(c);
        c.close();
      });
      return new TransferringArrowReader(duck, allocator, owned);
    } catch (SQLException | RuntimeException e) {
      owned.forEach(Engine::closeQuietly);
      exports.remove(c);
      appliedSchema.remove(c);
      closeQuietly(c);
      throw e instanceof SQLException sqle ? translate(sqle, sql) : (RuntimeException) e;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // cleaning up after a failure that is being reported
    }
  }

  /** Maps DuckDB's errors to Spark's error classes (see ErrorMapping); anything else stays a RuntimeException with the SQL. */
  static RuntimeException translate(SQLException e, String sql) {
    RuntimeException runtime = SparkErrors.map(e); // runtime (ANSI) errors raised by generated expressions
    if (runtime != null) {
      return runtime;
    }
    return ErrorMapping.translate(e, sql);
  }

  /**
   * Makes {@code schema} the session's current database on every thread: DuckDB keeps the search path per
   * connection, so each thread's connection applies the latest value on its next lookup. {@code main} stays on
   * the path so temporary views (created in main) resolve whatever the current database is, as in Spark.
   */
  @Override
  public void setCurrentSchema(String schema) {
    currentSchema = schema;
  }

  @Override
  public String currentSchema() {
    return currentSchema;
  }

  private void applySearchPath(Connection c) {
    String want = currentSchema;
    // a new connection starts on DuckDB's default path (main): nothing to apply until the database changes
    if (!want.equals(appliedSchema.getOrDefault(c, "main"))) {
      String path = want.equals("main") ? "main" : want + ",main";
      try (Statement st = c.createStatement()) {
        st.execute("SET search_path = '" + path.replace("'", "''") + "'");
      } catch (SQLException e) {
        throw translate(e, "SET search_path = '" + path + "'");
      }
      appliedSchema.put(c, want);
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    byThread.values().forEach(Engine::closeQuietly);
    byThread.clear();
    appliedSchema.clear();
    exports.forEach(Engine::closeQuietly);
    exports.clear();
    closeQuietly(root);
  }
}
