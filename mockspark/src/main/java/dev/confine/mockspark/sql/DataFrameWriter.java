package dev.confine.mockspark.sql;

import dev.confine.mockspark.internal.SparkIllegalArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a frame to a session table or to files, as Spark's {@code DataFrameWriter}. Default mode is
 * ErrorIfExists, as in Spark. {@code save(path)} writes a directory the way Spark does (part files plus
 * {@code _SUCCESS}, one sub-directory per value with {@code partitionBy}) in parquet, csv or json through DuckDB's
 * {@code COPY}; {@code saveAsTable} keeps the table in DuckDB whatever the format. Not thread-safe itself (a
 * builder); table writes go through the session's per-name DDL lock. Two writers appending to one path at once
 * each add their own part file.
 */
public final class DataFrameWriter<T> {
  private static final List<String> FORMATS = List.of("parquet", "csv", "json");
  private final Dataset<T> frame;
  private SaveMode mode = SaveMode.ErrorIfExists;
  private String format = "parquet";
  private final List<String> partitionColumns = new ArrayList<>();
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameWriter(Dataset<T> frame) {
    this.frame = frame;
  }

  public DataFrameWriter<T> mode(SaveMode m) {
    this.mode = Objects.requireNonNull(m, "mode");
    return this;
  }

  public DataFrameWriter<T> mode(String m) {
    Objects.requireNonNull(m, "mode");
    switch (m.toLowerCase(Locale.ROOT)) {
      case "append": return mode(SaveMode.Append);
      case "overwrite": return mode(SaveMode.Overwrite);
      case "ignore": return mode(SaveMode.Ignore);
      case "error": case "errorifexists": case "default": return mode(SaveMode.ErrorIfExists);
      default: throw new SparkIllegalArgumentException("INVALID_SAVE_MODE", String.format(Locale.ROOT,
          "The specified save mode \"%s\" is invalid. Valid save modes include \"append\", \"overwrite\", "
              + "\"ignore\", \"error\", \"errorifexists\", and \"default\".", m));
    }
  }

  /** parquet (Spark's default), csv or json for {@code save}; tables are always kept in DuckDB's own format. */
  public DataFrameWriter<T> format(String source) {
    Objects.requireNonNull(source, "source");
    String f = source.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new AnalysisException("DATA_SOURCE_NOT_FOUND", String.format(Locale.ROOT,
          "Failed to find the data source: %s. mockspark writes %s.", source, String.join(", ", FORMATS)), null);
    }
    this.format = f;
    return this;
  }

  /** One sub-directory per value for {@code save}; partitioning does not change what a table returns. */
  public DataFrameWriter<T> partitionBy(String... cols) {
    partitionColumns.clear();
    partitionColumns.addAll(List.of(cols));
    return this;
  }

  /** csv: {@code header}, {@code sep}/{@code delimiter}, {@code quote}, {@code nullValue}; others are ignored. */
  public DataFrameWriter<T> option(String key, String value) {
    options.put(Objects.requireNonNull(key, "key").toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataFrameWriter<T> option(String key, boolean value) { return option(key, Boolean.toString(value)); }

  public void saveAsTable(String name) {
    SparkSession s = frame.sparkSession();
    String q = SqlTranslator.tableName(SqlLexer.parse(Objects.requireNonNull(name, "name")), name);
    int dot = q.lastIndexOf("\".\"");
    if (dot > 0) {
      String schema = q.substring(1, dot);
      if (!SessionCatalog.schemaExists(s, schema)) {
        throw ErrorMapping.schemaNotFound(schema, null);
      }
    }
    String key = "TABLE " + q.toLowerCase(Locale.ROOT);
    switch (mode) {
      case ErrorIfExists -> s.executeDdl(key, "CREATE TABLE " + q + " AS " + frame.sql());
      case Overwrite -> s.executeDdl(key, "CREATE OR REPLACE TABLE " + q + " AS " + frame.sql());
      case Ignore -> s.executeDdl(key, "CREATE TABLE IF NOT EXISTS " + q + " AS " + frame.sql());
      case Append -> {
        if (exists(q)) {
          s.engine().execute("INSERT INTO " + q + " BY NAME " + frame.sql());
        } else {
          s.executeDdl(key, "CREATE TABLE " + q + " AS " + frame.sql());
        }
      }
      default -> throw new IllegalStateException("unreachable mode " + mode);
    }
  }

  private boolean exists(String quoted) {
    try {
      SessionCatalog.query(frame.sparkSession(), "SELECT * FROM " + quoted);
      return true;
    } catch (AnalysisException e) {
      if (e.getErrorClass().equals("TABLE_OR_VIEW_NOT_FOUND")) {
        return false;
      }
      throw e;
    }
  }

  /** Inserts by position, as Spark's insertInto; Overwrite replaces the rows. */
  public void insertInto(String name) {
    SparkSession s = frame.sparkSession();
    String q = SqlTranslator.tableName(SqlLexer.parse(Objects.requireNonNull(name, "name")), name);
    SessionCatalog.query(s, "SELECT * FROM " + q); // TABLE_OR_VIEW_NOT_FOUND if missing
    if (mode == SaveMode.Overwrite) {
      s.engine().execute("DELETE FROM " + q);
    }
    s.engine().execute("INSERT INTO " + q + " " + frame.sql());
  }

  public void parquet(String path) { format("parquet").save(path); }
  public void csv(String path) { format("csv").save(path); }
  public void json(String path) { format("json").save(path); }

  /** Writes the frame as a Spark-style directory of part files at {@code path}. */
  public void save(String path) {
    Objects.requireNonNull(path, "path");
    Path dir = Path.of(path.startsWith("file:") ? Path.of(java.net.URI.create(path)).toString() : path);
    boolean exists = Files.exists(dir);
    switch (mode) {
      case ErrorIfExists -> {
        if (exists) {
          throw new AnalysisException("PATH_ALREADY_EXISTS", String.format(Locale.ROOT,
              "Path file:%s already exists. Set mode as \"overwrite\" to overwrite the existing path.",
              dir.toAbsolutePath()), null);
        }
      }
      case Ignore -> {
        if (exists) {
          return;
        }
      }
      case Overwrite -> {
        if (exists) {
          deleteRecursively(dir);
        }
      }
      case Append -> { }
      default -> throw new IllegalStateException("unreachable mode " + mode);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output directory " + dir + " (nothing was written)", e);
    }
    for (String c : partitionColumns) {
      frame.col(c); // UNRESOLVED_COLUMN if missing
    }
    List<String> copyOptions = new ArrayList<>();
    copyOptions.add("FORMAT " + format);
    if (format.equals("csv")) {
      copyOptions.add("HEADER " + Boolean.parseBoolean(options.getOrDefault("header", "false")));
      String sep = options.getOrDefault("sep", options.get("delimiter"));
      if (sep != null) {
        copyOptions.add("DELIMITER " + SqlTranslator.stringLiteral(sep));
      }
      if (options.containsKey("quote")) {
        copyOptions.add("QUOTE " + SqlTranslator.stringLiteral(options.get("quote")));
      }
      if (options.containsKey("nullvalue")) {
        copyOptions.add("NULLSTR " + SqlTranslator.stringLiteral(options.get("nullvalue")));
      }
    }
    String target;
    String uuid = UUID.randomUUID().toString();
    if (partitionColumns.isEmpty()) {
      target = dir.resolve("part-00000-" + uuid + "." + format).toString();
    } else {
      copyOptions.add("PARTITION_BY (" + String.join(", ", partitionColumns.stream().map(Column::quote).toList()) + ")");
      copyOptions.add("FILENAME_PATTERN 'part-{uuid}'");
      copyOptions.add("OVERWRITE_OR_IGNORE true");
      target = dir.toString();
    }
    frame.sparkSession().engine().execute("COPY (" + frame.sql() + ") TO " + SqlTranslator.stringLiteral(target)
        + " (" + String.join(", ", copyOptions) + ")");
    try {
      Files.write(dir.resolve("_SUCCESS"), new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException("data written to " + dir + " but _SUCCESS could not be created", e);
    }
  }

  public void save() {
    String path = options.get("path");
    if (path == null) {
      throw new IllegalArgumentException("save() needs a path: call save(path) or option(\"path\", ...)");
    }
    save(path);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot overwrite " + dir + ": deleting the old files failed", e);
    }
  }
}
