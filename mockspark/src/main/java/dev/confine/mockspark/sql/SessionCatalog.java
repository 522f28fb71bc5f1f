package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the SQL statements and the {@code Catalog} need from a session: its databases (DuckDB schemas, {@code main}
 * shown as Spark's {@code default}), tables and views, the current database, and frames built from computed
 * rows. Stateless and thread-safe: every lookup runs on the calling thread's own connection.
 */
final class SessionCatalog {
  private SessionCatalog() {}

  /** Schemas DuckDB creates itself, never shown as databases. */
  private static final String SYSTEM_SCHEMAS = "('information_schema', 'pg_catalog')";

  /** A table or view of the session. {@code database} is null for a temporary view, as in Spark. */
  record TableInfo(String name, String database, String tableType, boolean temporary) {
    boolean isView() {
      return !tableType.equals("MANAGED");
    }
  }

  static Dataset<Row> query(SparkSession session, String duckSql) {
    Dataset<Row> d = new Dataset<>(session, duckSql);
    d.schema(); // eager analysis: a missing table or column fails here, as in Spark
    return d;
  }

  static Dataset<Row> emptyResult(SparkSession session) {
    return new Dataset<>(session, "SELECT 1 WHERE false");
  }

  static void executeSql(SparkSession session, String duckSql) {
    session.engine().execute(duckSql);
  }

  static Dataset<Row> rows(SparkSession session, StructType schema, List<Row> rows) {
    return session.createDataFrame(rows, schema);
  }

  static String sparkName(String schema) {
    return schema.equals("main") ? "default" : schema;
  }

  static String duckName(String database) {
    return database.equalsIgnoreCase("default") ? "main" : database;
  }

  static String currentDatabase(SparkSession session) {
    return sparkName(session.engine().currentSchema());
  }

  static void setCurrentDatabase(SparkSession session, String database) {
    String schema = duckName(database);
    if (!schemaExists(session, schema)) {
      throw ErrorMapping.schemaNotFound(database, null);
    }
    session.engine().setCurrentSchema(canonicalSchema(session, schema));
  }

  private static String canonicalSchema(SparkSession session, String schema) {
    for (Row r : session.engine().query("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = "
        + "current_database() AND lower(schema_name) = " + SqlTranslator.stringLiteral(schema.toLowerCase(Locale.ROOT)))) {
      return (String) r.get(0);
    }
    return schema;
  }

  static boolean schemaExists(SparkSession session, String schema) {
    return !session.engine().query("SELECT 1 FROM information_schema.schemata WHERE catalog_name = current_database() "
        + "AND lower(schema_name) = " + SqlTranslator.stringLiteral(duckName(schema).toLowerCase(Locale.ROOT))).isEmpty();
  }

  /** Databases in Spark's spelling, sorted, {@code default} included; {@code global_temp} is not listed, as in Spark. */
  static List<String> databaseNames(SparkSession session) {
    List<String> out = new ArrayList<>();
    for (Row r : session.engine().query("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = "
        + "current_database() AND schema_name NOT IN " + SYSTEM_SCHEMAS + " AND schema_name <> 'global_temp' "
        + "ORDER BY schema_name")) {
      out.add(sparkName((String) r.get(0)));
    }
    out.sort(null);
    return out;
  }

  /**
   * Tables and views of {@code schema} (DuckDB spelling). Views in {@code main} are the session's temporary views
   * (createOrReplaceTempView creates them there), listed with every database as Spark lists temporary views.
   */
  static List<TableInfo> tables(SparkSession session, String schema) {
    Map<String, TableInfo> byName = new TreeMap<>();
    for (Row r : session.engine().query("SELECT table_schema, table_name, table_type FROM information_schema.tables "
        + "WHERE table_catalog = current_database() AND (lower(table_schema) = "
        + SqlTranslator.stringLiteral(schema.toLowerCase(Locale.ROOT))
        + " OR (table_schema = 'main' AND table_type = 'VIEW')) ORDER BY table_name")) {
      String tableSchema = (String) r.get(0);
      String name = (String) r.get(1);
      boolean view = "VIEW".equals(r.get(2));
      boolean temporary = view && tableSchema.equals("main");
      TableInfo info = new TableInfo(name, temporary ? null : sparkName(tableSchema),
          temporary ? "TEMPORARY" : view ? "VIEW" : "MANAGED", temporary);
      byName.putIfAbsent(name + (temporary ? "\u0001" : ""), info);
    }
    return new ArrayList<>(byName.values());
  }

  static boolean isView(SparkSession session, String quotedName) {
    String[] parts = quotedName.split("\\.");
    String table = unquote(parts[parts.length - 1]);
    String schema = parts.length > 1 ? unquote(parts[parts.length - 2]) : session.engine().currentSchema();
    return !session.engine().query("SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() "
        + "AND table_type = 'VIEW' AND lower(table_name) = " + SqlTranslator.stringLiteral(table.toLowerCase(Locale.ROOT))
        + " AND lower(table_schema) IN (" + SqlTranslator.stringLiteral(schema.toLowerCase(Locale.ROOT))
        + (parts.length > 1 ? "" : ", 'main'") + ")").isEmpty();
  }

  private static String unquote(String q) {
    return q.startsWith("\"") && q.endsWith("\"") ? q.substring(1, q.length() - 1).replace("\"\"", "\"") : q;
  }

  static Map<String, String> confEntries(SparkSession session) {
    return new TreeMap<>(session.runtimeConf());
  }

  static void setRuntimeConf(SparkSession session, String key, String value) {
    session.runtimeConf().put(key, value);
  }
}
