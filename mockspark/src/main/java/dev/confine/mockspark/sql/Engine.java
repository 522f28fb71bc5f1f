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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    try {
      synchronized (this) {
        Object dup = root.getClass().getMethod("duplicate").invoke(root);
        c = (Connection) dup;
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DuckDB connection cannot be duplicated: " + e, e);
    }
    byThread.put(me, c);
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

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    byThread.values().forEach(Engine::closeQuietly);
    byThread.clear();
    closeQuietly(root);
  }
}
