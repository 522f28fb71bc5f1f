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
import java.util.concurrent.ConcurrentHashMap;

/**
 * One DuckDB in-memory instance per session, one connection per thread. A thread's connection is created from
 * the session's root connection (DuckDB's {@code duplicate()}, which shares the database instance, so every
 * thread sees every table) and used only by that thread; connections of dead threads are closed on the next
 * lookup, all of them on {@link #close()}.
 */
final class Engine implements AutoCloseable {
  private final Connection root; // guarded by synchronized(this) for duplicate()
  private final Map<Thread, Connection> byThread = new ConcurrentHashMap<>();
  private volatile boolean closed;
  // the session's current database; each connection applies it lazily (see setCurrentSchema)
  private volatile String currentSchema = "main";
  private final Map<Connection, String> appliedSchema = new ConcurrentHashMap<>();

  Engine(int threads) {
    try {
      java.util.Properties props = new java.util.Properties();
      // each DuckDB instance otherwise starts one worker thread per core
      props.setProperty("threads", Integer.toString(threads));
      root = java.sql.DriverManager.getConnection("jdbc:duckdb:", props);
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
    try {
      synchronized (this) {
        Object dup = root.getClass().getMethod("duplicate").invoke(root);
        c = (Connection) dup;
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DuckDB connection cannot be duplicated: " + e, e);
    }
    byThread.put(me, c);
    applySearchPath(c);
    return c;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a connection whose thread is gone; nothing to report to
    }
  }

  void execute(String sql) {
    try (Statement st = connection().createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  StructType schema(String sql) {
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

  List<Row> query(String sql) {
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
  void setCurrentSchema(String schema) {
    currentSchema = schema;
  }

  String currentSchema() {
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

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    byThread.values().forEach(Engine::closeQuietly);
    byThread.clear();
    appliedSchema.clear();
    closeQuietly(root);
  }
}
