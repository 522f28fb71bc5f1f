package dev.confine.mockspark.sql.catalog;

import dev.confine.mockspark.internal.CatalogAccess;
import dev.confine.mockspark.internal.CatalogOps;
import dev.confine.mockspark.sql.Dataset;
import dev.confine.mockspark.sql.Row;
import dev.confine.mockspark.sql.types.StructType;
import java.util.Map;
import java.util.Objects;

/**
 * The session's catalog, as Spark's {@code Catalog}: databases (DuckDB schemas; {@code default} is DuckDB's
 * {@code main}), tables, temporary and global temporary views, columns, functions, and the cache calls (accepted:
 * DuckDB has nothing to cache). Obtain it with {@code spark.catalog()}. Thread-safe: each call runs on the calling
 * thread's own connection of the session; the current database is session-wide, as in Spark, so
 * {@link #setCurrentDatabase} on one thread changes what unqualified names mean on every thread. Missing
 * databases and tables fail with {@code AnalysisException} ({@code SCHEMA_NOT_FOUND}, {@code TABLE_OR_VIEW_NOT_FOUND}).
 * Spark's Catalog has no createDatabase: use {@code spark.sql("CREATE DATABASE ...")}.
 */
public final class Catalog {
  static {
    CatalogAccess.register(Catalog::new);
  }

  private final CatalogOps ops;

  private Catalog(CatalogOps ops) {
    this.ops = ops;
  }

  private static String name(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty: pass a name such as \"sales\"");
    }
    return value;
  }

  public String currentDatabase() { return ops.currentDatabase(); }

  /** Spark's only catalog name. */
  public String currentCatalog() { return "spark_catalog"; }

  /** Accepts only {@code spark_catalog}, the one catalog mockspark has. */
  public void setCurrentCatalog(String catalogName) {
    if (!"spark_catalog".equalsIgnoreCase(name(catalogName, "catalogName"))) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "mockspark has one catalog, spark_catalog; got '%s'", catalogName));
    }
  }

  public void setCurrentDatabase(String dbName) { ops.setCurrentDatabase(name(dbName, "dbName")); }

  public Dataset<Database> listDatabases() { return ops.listDatabases(null); }

  /** Databases whose name matches Spark's pattern ({@code *} any run of characters, {@code |} alternatives). */
  public Dataset<Database> listDatabases(String pattern) { return ops.listDatabases(name(pattern, "pattern")); }

  /** Tables and views of the current database, and the session's temporary views. */
  public Dataset<Table> listTables() { return ops.listTables(currentDatabase(), null); }

  public Dataset<Table> listTables(String dbName) { return ops.listTables(name(dbName, "dbName"), null); }

  public Dataset<Table> listTables(String dbName, String pattern) {
    return ops.listTables(name(dbName, "dbName"), name(pattern, "pattern"));
  }

  /** Columns of a table or view ({@code db.table} accepted). */
  public Dataset<Column> listColumns(String tableName) { return ops.listColumns(null, name(tableName, "tableName")); }

  public Dataset<Column> listColumns(String dbName, String tableName) {
    return ops.listColumns(name(dbName, "dbName"), name(tableName, "tableName"));
  }

  public Database getDatabase(String dbName) {
    String db = name(dbName, "dbName");
    if (!ops.databaseExists(db)) {
      ops.setCurrentDatabase(db); // raises SCHEMA_NOT_FOUND with Spark's message, changes nothing
    }
    for (Database d : ops.listDatabases(null).collectAsList()) {
      if (d.name().equalsIgnoreCase(db)) {
        return d;
      }
    }
    throw new IllegalStateException("database vanished while being read: " + db);
  }

  public Table getTable(String tableName) {
    String t = name(tableName, "tableName");
    int dot = t.lastIndexOf('.');
    return dot > 0 ? getTable(t.substring(0, dot), t.substring(dot + 1)) : find(null, t);
  }

  public Table getTable(String dbName, String tableName) {
    return find(name(dbName, "dbName"), name(tableName, "tableName"));
  }

  private Table find(String db, String table) {
    String bare = table.replace("`", "");
    for (Table t : ops.listTables(db == null ? currentDatabase() : db, null).collectAsList()) {
      if (t.name().equalsIgnoreCase(bare) && (db == null || t.database() != null)) {
        return t;
      }
    }
    ops.listColumns(db, table); // raises TABLE_OR_VIEW_NOT_FOUND with Spark's message
    throw new IllegalStateException("table vanished while being read: " + table);
  }

  public boolean databaseExists(String dbName) { return ops.databaseExists(name(dbName, "dbName")); }

  /** A table or view of the current database, a temporary view, or {@code db.table}. */
  public boolean tableExists(String tableName) {
    String t = name(tableName, "tableName");
    int dot = t.lastIndexOf('.');
    return dot > 0 ? ops.tableExists(t.substring(0, dot), t.substring(dot + 1)) : ops.tableExists(null, t);
  }

  public boolean tableExists(String dbName, String tableName) {
    return ops.tableExists(name(dbName, "dbName"), name(tableName, "tableName"));
  }

  /** Whether Spark SQL text can call {@code functionName} here (Spark's name, as mockspark translates it). */
  public boolean functionExists(String functionName) { return ops.functionExists(name(functionName, "functionName")); }

  /** Built-in functions live in no database and mockspark has no persistent functions: always false. */
  public boolean functionExists(String dbName, String functionName) {
    name(dbName, "dbName");
    name(functionName, "functionName");
    return false;
  }

  /** A table over the parquet files at {@code path} (read on each query, as Spark's external table). */
  public Dataset<Row> createTable(String tableName, String path) {
    return createTable(tableName, path, "parquet");
  }

  public Dataset<Row> createTable(String tableName, String path, String source) {
    return ops.createTable(name(tableName, "tableName"), name(source, "source"), null,
        Map.of("path", name(path, "path")));
  }

  public Dataset<Row> createTable(String tableName, String source, Map<String, String> options) {
    return ops.createTable(name(tableName, "tableName"), name(source, "source"), null, Map.copyOf(options));
  }

  /** With a schema and no {@code path} option: an empty managed table of that schema. */
  public Dataset<Row> createTable(String tableName, String source, StructType schema, Map<String, String> options) {
    return ops.createTable(name(tableName, "tableName"), name(source, "source"),
        Objects.requireNonNull(schema, "schema"), Map.copyOf(options));
  }

  public Dataset<Row> createTable(String tableName, String source, String description, StructType schema,
      Map<String, String> options) {
    return createTable(tableName, source, schema, options);
  }

  /** Drops a temporary view; true if it existed. */
  public boolean dropTempView(String viewName) { return ops.dropTempView(name(viewName, "viewName")); }

  /** Drops a view of {@code global_temp}; true if it existed. */
  public boolean dropGlobalTempView(String viewName) { return ops.dropGlobalTempView(name(viewName, "viewName")); }

  public boolean isCached(String tableName) { return ops.isCached(name(tableName, "tableName")); }

  /** Marks the table cached (DuckDB keeps it in memory anyway); TABLE_OR_VIEW_NOT_FOUND if missing. */
  public void cacheTable(String tableName) { ops.cacheTable(name(tableName, "tableName")); }

  public void uncacheTable(String tableName) { ops.uncacheTable(name(tableName, "tableName")); }

  public void clearCache() { ops.clearCache(); }

  /** Nothing is cached from files; checks that the table exists, as Spark does. */
  public void refreshTable(String tableName) { ops.refreshTable(name(tableName, "tableName")); }

  /** Accepted: reads of a path always see the files as they are now. */
  public void refreshByPath(String path) { name(path, "path"); }

  /** Accepted: partition directories are discovered on every read. */
  public void recoverPartitions(String tableName) { ops.refreshTable(name(tableName, "tableName")); }
}
