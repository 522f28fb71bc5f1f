package dev.confine.mockspark.sql.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The session's catalog, as Spark's {@code Catalog} (the subset listed in the README). Thread-safe: each call
 * runs on the calling thread's own connection of the session.
 */
public final class Catalog {
  private final Supplier<Connection> connection;
  private final java.util.function.Function<String, dev.confine.mockspark.sql.Dataset<Table>> tables;
  private final java.util.function.Consumer<String> use;

  /** Created by the session; not for direct use. */
  public Catalog(Supplier<Connection> connection) {
    this(connection, db -> {
      throw new UnsupportedOperationException("listTables needs a session's catalog: use spark.catalog()");
    }, db -> {
      throw new UnsupportedOperationException("setCurrentDatabase needs a session's catalog: use spark.catalog()");
    });
  }

  /** Created by the session (which knows how to build frames and switch databases); not for direct use. */
  public Catalog(Supplier<Connection> connection,
      java.util.function.Function<String, dev.confine.mockspark.sql.Dataset<Table>> tables,
      java.util.function.Consumer<String> use) {
    this.connection = connection;
    this.tables = tables;
    this.use = use;
  }

  /** Tables and views of the current database. */
  public dev.confine.mockspark.sql.Dataset<Table> listTables() {
    return tables.apply(currentDatabase());
  }

  /** Tables and views of {@code database}; {@code SCHEMA_NOT_FOUND} if it does not exist. */
  public dev.confine.mockspark.sql.Dataset<Table> listTables(String database) {
    return tables.apply(database);
  }

  /** Makes {@code database} current for unqualified names; {@code SCHEMA_NOT_FOUND} if it does not exist. */
  public void setCurrentDatabase(String database) {
    use.accept(database);
  }

  private boolean exists(String sql, String... args) {
    try (PreparedStatement ps = connection.get().prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Catalog lookup failed: " + e.getMessage(), e);
    }
  }

  public boolean databaseExists(String name) {
    return exists("SELECT 1 FROM information_schema.schemata WHERE lower(schema_name) = ?", name.toLowerCase(Locale.ROOT));
  }

  public boolean tableExists(String name) {
    String[] parts = name.split("\\.");
    return parts.length == 2 ? tableExists(parts[0], parts[1])
        : exists("SELECT 1 FROM information_schema.tables WHERE lower(table_name) = ? AND table_schema = current_schema()",
            name.toLowerCase(Locale.ROOT));
  }

  public boolean tableExists(String database, String table) {
    return exists("SELECT 1 FROM information_schema.tables WHERE lower(table_schema) = ? AND lower(table_name) = ?",
        database.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT));
  }

  public String currentDatabase() {
    try (PreparedStatement ps = connection.get().prepareStatement("SELECT current_schema()");
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      // DuckDB's default schema is "main"; Spark's is "default"
      String s = rs.getString(1);
      return s.equals("main") ? "default" : s;
    } catch (SQLException e) {
      throw new IllegalStateException("Catalog lookup failed: " + e.getMessage(), e);
    }
  }

  public boolean dropTempView(String name) {
    boolean existed = tableExists(name);
    try (PreparedStatement ps = connection.get().prepareStatement("DROP VIEW IF EXISTS \"" + name.replace("\"", "\"\"") + "\"")) {
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException("dropTempView failed: " + e.getMessage(), e);
    }
    return existed;
  }
}
