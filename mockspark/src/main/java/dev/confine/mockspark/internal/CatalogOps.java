package dev.confine.mockspark.internal;

import dev.confine.mockspark.sql.Dataset;
import dev.confine.mockspark.sql.Row;
import dev.confine.mockspark.sql.catalog.Column;
import dev.confine.mockspark.sql.catalog.Database;
import dev.confine.mockspark.sql.catalog.Table;
import dev.confine.mockspark.sql.types.StructType;
import java.util.Map;

/**
 * What {@code Catalog} asks of its session. Implemented in {@code dev.confine.mockspark.sql} (which can build
 * frames and reach the engine); in a non-exported package so it is not part of the API. Implementations are
 * thread-safe. Database names are Spark's ({@code default}, not DuckDB's {@code main}).
 */
public interface CatalogOps {
  String currentDatabase();

  void setCurrentDatabase(String database);

  Dataset<Database> listDatabases(String pattern);

  Dataset<Table> listTables(String database, String pattern);

  Dataset<Column> listColumns(String database, String table);

  boolean databaseExists(String database);

  /** {@code database} null: the current database, then temporary views. */
  boolean tableExists(String database, String table);

  boolean functionExists(String name);

  Dataset<Row> createTable(String name, String source, StructType schema, Map<String, String> options);

  boolean dropTempView(String name);

  boolean dropGlobalTempView(String name);

  boolean isCached(String name);

  void cacheTable(String name);

  void uncacheTable(String name);

  void clearCache();

  void refreshTable(String name);
}
