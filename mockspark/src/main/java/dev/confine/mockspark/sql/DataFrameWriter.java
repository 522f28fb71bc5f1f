package dev.confine.mockspark.sql;

import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a frame to a session table, as Spark's {@code DataFrameWriter}. Default mode is ErrorIfExists, as in
 * Spark. Not thread-safe itself (a builder); the writes go through the session's per-name DDL lock.
 */
public final class DataFrameWriter<T> {
  private final Dataset<T> frame;
  private SaveMode mode = SaveMode.ErrorIfExists;

  DataFrameWriter(Dataset<T> frame) {
    this.frame = frame;
  }

  public DataFrameWriter<T> mode(SaveMode m) {
    this.mode = m;
    return this;
  }

  public DataFrameWriter<T> mode(String m) {
    switch (m.toLowerCase(Locale.ROOT)) {
      case "append": return mode(SaveMode.Append);
      case "overwrite": return mode(SaveMode.Overwrite);
      case "ignore": return mode(SaveMode.Ignore);
      case "error": case "errorifexists": case "default": return mode(SaveMode.ErrorIfExists);
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unknown save mode: %s. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.", m));
    }
  }

  /** Accepted for compatibility; tables are always stored in DuckDB's own format. */
  public DataFrameWriter<T> format(String source) { return this; }

  /** Accepted for compatibility; partitioning does not change what a table returns. */
  public DataFrameWriter<T> partitionBy(String... cols) { return this; }

  public DataFrameWriter<T> option(String key, String value) { return this; }

  private static String qualified(String name) {
    return Arrays.stream(name.split("\\.")).map(Column::quote).reduce((a, b) -> a + "." + b).orElseThrow();
  }

  private boolean exists(String name) {
    try {
      frame.sparkSession().table(name);
      return true;
    } catch (AnalysisException e) {
      if (e.getErrorClass().equals("TABLE_OR_VIEW_NOT_FOUND")) {
        return false;
      }
      throw e;
    }
  }

  public void saveAsTable(String name) {
    SparkSession s = frame.sparkSession();
    String q = qualified(name);
    switch (mode) {
      case ErrorIfExists -> s.sql("CREATE TABLE " + q + " AS " + frame.sql());
      case Overwrite -> s.sql("CREATE OR REPLACE TABLE " + q + " AS " + frame.sql());
      case Ignore -> s.sql("CREATE TABLE IF NOT EXISTS " + q + " AS " + frame.sql());
      case Append -> {
        if (exists(name)) {
          s.engine().execute("INSERT INTO " + q + " BY NAME " + frame.sql());
        } else {
          s.sql("CREATE TABLE " + q + " AS " + frame.sql());
        }
      }
      default -> throw new IllegalStateException("unreachable mode " + mode);
    }
  }

  /** Inserts by position, as Spark's insertInto; Overwrite replaces the rows. */
  public void insertInto(String name) {
    SparkSession s = frame.sparkSession();
    s.table(name); // TABLE_OR_VIEW_NOT_FOUND if missing
    String q = qualified(name);
    if (mode == SaveMode.Overwrite) {
      s.engine().execute("DELETE FROM " + q);
    }
    s.engine().execute("INSERT INTO " + q + " " + frame.sql());
  }
}
