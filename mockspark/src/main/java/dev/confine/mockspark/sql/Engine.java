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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
      return c;
    }
    byThread.entrySet().removeIf(e -> {
      if (!e.getKey().isAlive()) {
        closeQuietly(e.getValue());
        return true;
      }
      return false;
    });
    c = duplicate();
    byThread.put(me, c);
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

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing a connection whose thread is gone; nothing to report to
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
      Statement st = c.createStatement();
      owned.add(st);
      ResultSet rs = st.executeQuery(sql);
      owned.add(0, rs);
      ArrowReader duck = ArrowExports.export(rs, allocator, batchRows);
      owned.add(0, duck);
      owned.add(() -> {
        exports.remove(c);
        c.close();
      });
      return new TransferringArrowReader(duck, allocator, owned);
    } catch (SQLException | RuntimeException e) {
      owned.forEach(Engine::closeQuietly);
      exports.remove(c);
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

  private static final Pattern MISSING_COLUMN =
      Pattern.compile("Referenced column \"([^\"]+)\" not found in FROM clause!(?:\\s*Candidate bindings: (.*))?");
  private static final Pattern MISSING_TABLE = Pattern.compile("Table with name ([^ ]+) does not exist");
  private static final Pattern MISSING_SCHEMA = Pattern.compile("Schema with name ([^ ]+) does not exist");

  /** Maps DuckDB's errors to Spark's error classes; anything else stays a RuntimeException with the SQL. */
  static RuntimeException translate(SQLException e, String sql) {
    RuntimeException runtime = SparkErrors.map(e);
    if (runtime != null) {
      return runtime;
    }
    String msg = String.valueOf(e.getMessage());
    Matcher m = MISSING_COLUMN.matcher(msg);
    if (m.find()) {
      String bindings = m.group(2) == null ? "" : m.group(2).split("\n")[0].replaceAll("\"[^\"]*\"\\.", "");
      if (bindings.isBlank()) {
        return new AnalysisException("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", String.format(Locale.ROOT,
            "A column, variable, or function parameter with name `%s` cannot be resolved.", m.group(1)), e);
      }
      return new AnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION", String.format(Locale.ROOT,
          "A column, variable, or function parameter with name `%s` cannot be resolved. Did you mean one of the following? [%s].",
          m.group(1), bindings.replace('"', '`').trim()), e);
    }
    m = MISSING_TABLE.matcher(msg);
    if (m.find()) {
      return new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", String.format(Locale.ROOT,
          "The table or view `%s` cannot be found. Verify the spelling and correctness of the schema and catalog.",
          m.group(1)), e);
    }
    m = MISSING_SCHEMA.matcher(msg);
    if (m.find()) {
      return new AnalysisException("SCHEMA_NOT_FOUND", String.format(Locale.ROOT,
          "The schema `%s` cannot be found. Verify the spelling and correctness of the schema and catalog.", m.group(1)), e);
    }
    if (msg.contains("already exists")) {
      return new AnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", msg.replaceAll("\\s+", " ").trim(), e);
    }
    return new RuntimeException("DuckDB failed on query: " + sql + "\n" + msg, e);
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
    exports.forEach(Engine::closeQuietly);
    exports.clear();
    closeQuietly(root);
  }
}
