package dev.confine.mockspark.sql;

import dev.confine.mockspark.internal.CatalogOps;
import dev.confine.mockspark.sql.catalog.Column;
import dev.confine.mockspark.sql.catalog.Database;
import dev.confine.mockspark.sql.catalog.Table;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalog calls of one session, on DuckDB's information schema. Thread-safe: stateless apart from the
 * session, whose own state (current database, cached names) is concurrent.
 */
final class SessionCatalogOps implements CatalogOps {
  private final SparkSession session;

  SessionCatalogOps(SparkSession session) {
    this.session = session;
  }

  @Override
  public String currentDatabase() {
    return SessionCatalog.currentDatabase(session);
  }

  @Override
  public void setCurrentDatabase(String database) {
    SessionCatalog.setCurrentDatabase(session, database);
  }

  /** Spark's catalog pattern: {@code *} any run of characters, {@code |} alternatives, case-insensitive. */
  static Pattern pattern(String p) {
    if (p == null) {
      return null;
    }
    StringBuilder re = new StringBuilder();
    for (String alt : p.split("\\|")) {
      if (re.length() > 0) {
        re.append('|');
      }
      re.append(Pattern.quote(alt.strip()).replace("*", "\\E.*\\Q"));
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
  }

  private <T> Dataset<T> typed(StructType schema, List<Row> rows, java.util.function.Function<Row, T> decoder) {
    return Dataset.typed(session, session.createDataFrame(rows, schema).sql(), decoder);
  }

  @Override
  public Dataset<Database> listDatabases(String pattern) {
    Pattern p = pattern(pattern);
    List<Row> rows = new ArrayList<>();
    for (String db : SessionCatalog.databaseNames(session)) {
      if (p == null || p.matcher(db).matches()) {
        rows.add(RowFactory.create(db, db.equals("default") ? "default database" : "", "memory:" + db));
      }
    }
    StructType schema = new StructType().add("name", DataTypes.StringType).add("description", DataTypes.StringType)
        .add("locationUri", DataTypes.StringType);
    return typed(schema, rows, r -> new Database(r.getString(0), r.getString(1), r.getString(2)));
  }

  @Override
  public Dataset<Table> listTables(String database, String pattern) {
    String schema = SessionCatalog.duckName(database);
    if (!SessionCatalog.schemaExists(session, schema)) {
      throw ErrorMapping.schemaNotFound(database, null);
    }
    Pattern p = pattern(pattern);
    List<Row> rows = new ArrayList<>();
    for (SessionCatalog.TableInfo t : SessionCatalog.tables(session, schema)) {
      if (p == null || p.matcher(t.name()).matches()) {
        rows.add(RowFactory.create(t.name(), t.database(), t.tableType(), t.temporary()));
      }
    }
    StructType s = new StructType().add("name", DataTypes.StringType).add("database", DataTypes.StringType)
        .add("tableType", DataTypes.StringType).add("isTemporary", DataTypes.BooleanType);
    return typed(s, rows, r -> new Table(r.getString(0), r.getString(1), null, r.getString(2), r.getBoolean(3)));
  }

  private String quoted(String database, String table) {
    String text = database == null ? table : database + "." + table;
    return SqlTranslator.tableName(SqlLexer.parse(text), text);
  }

  @Override
  public Dataset<Column> listColumns(String database, String table) {
    if (database != null && !SessionCatalog.schemaExists(session, SessionCatalog.duckName(database))) {
      throw ErrorMapping.schemaNotFound(database, null);
    }
    StructType schema = SessionCatalog.query(session, "SELECT * FROM " + quoted(database, table)).schema();
    List<Row> rows = new ArrayList<>();
    for (StructField f : schema.fields()) {
      rows.add(RowFactory.create(f.name(), f.dataType().simpleString(), f.nullable()));
    }
    StructType s = new StructType().add("name", DataTypes.StringType).add("dataType", DataTypes.StringType)
        .add("nullable", DataTypes.BooleanType);
    return typed(s, rows, r -> new Column(r.getString(0), null, r.getString(1), r.getBoolean(2), false, false));
  }

  @Override
  public boolean databaseExists(String database) {
    return SessionCatalog.schemaExists(session, database);
  }

  @Override
  public boolean tableExists(String database, String table) {
    if (database != null && !SessionCatalog.schemaExists(session, database)) {
      return false;
    }
    String schema = database == null ? session.engine().currentSchema() : SessionCatalog.duckName(database);
    for (SessionCatalog.TableInfo t : SessionCatalog.tables(session, schema)) {
      // a database-qualified lookup does not see temporary views, as in Spark
      if (t.name().equalsIgnoreCase(table.replace("`", "")) && (database == null || !t.temporary())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean functionExists(String name) {
    String fn = name.toLowerCase(Locale.ROOT);
    if (SqlTranslator.translatesFunction(fn)) {
      return true;
    }
    return !session.engine().query("SELECT 1 FROM duckdb_functions() WHERE lower(function_name) = "
        + SqlTranslator.stringLiteral(fn)).isEmpty();
  }

  @Override
  public Dataset<Row> createTable(String name, String source, StructType schema, Map<String, String> options) {
    String format = source.toLowerCase(Locale.ROOT);
    String target = quoted(null, name);
    String key = "TABLE " + target.toLowerCase(Locale.ROOT);
    String path = options.get("path");
    if (path != null) {
      DataFrameReader reader = session.read().format(format);
      options.forEach((k, v) -> {
        if (!k.equalsIgnoreCase("path")) {
          reader.option(k, v);
        }
      });
      if (schema != null) {
        reader.schema(schema);
      }
      Dataset<Row> files = reader.load(path);
      // a view that reads the files on each query, as Spark's external table does
      session.executeDdl(key, "CREATE VIEW " + target + " AS " + files.sql());
    } else if (schema != null) {
      List<String> cols = new ArrayList<>();
      for (StructField f : schema.fields()) {
        cols.add(dev.confine.mockspark.sql.Column.quote(f.name()) + " " + f.dataType().sqlType()
            + (f.nullable() ? "" : " NOT NULL"));
      }
      session.executeDdl(key, "CREATE TABLE " + target + " (" + String.join(", ", cols) + ")");
    } else {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "createTable(%s) needs a schema or a 'path' option with the data", name));
    }
    return session.table(name);
  }

  @Override
  public boolean dropTempView(String name) {
    String q = "\"main\"." + dev.confine.mockspark.sql.Column.quote(name);
    boolean existed = SessionCatalog.isView(session, q);
    if (existed) {
      session.executeDdl("VIEW " + q.toLowerCase(Locale.ROOT), "DROP VIEW IF EXISTS " + q);
    }
    return existed;
  }

  @Override
  public boolean dropGlobalTempView(String name) {
    if (!SessionCatalog.schemaExists(session, "global_temp")) {
      return false;
    }
    String q = "\"global_temp\"." + dev.confine.mockspark.sql.Column.quote(name);
    boolean existed = SessionCatalog.isView(session, q);
    if (existed) {
      session.executeDdl("VIEW " + q.toLowerCase(Locale.ROOT), "DROP VIEW IF EXISTS " + q);
    }
    return existed;
  }

  private String cacheKey(String name) {
    String q = quoted(null, name);
    SessionCatalog.query(session, "SELECT * FROM " + q); // TABLE_OR_VIEW_NOT_FOUND when missing
    return q.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean isCached(String name) {
    return session.cachedTables().contains(cacheKey(name));
  }

  @Override
  public void cacheTable(String name) {
    session.cachedTables().add(cacheKey(name));
  }

  @Override
  public void uncacheTable(String name) {
    session.cachedTables().remove(cacheKey(name));
  }

  @Override
  public void clearCache() {
    session.cachedTables().clear();
  }

  @Override
  public void refreshTable(String name) {
    cacheKey(name);
  }
}
