package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads csv, parquet and json files into a frame, as Spark's {@code DataFrameReader}, through DuckDB's own
 * readers ({@code read_csv}, {@code read_parquet}, {@code read_json}). Spark's options are mapped onto them:
 * {@code header} (default false), {@code inferSchema} (default false: every csv column is a string),
 * {@code sep}/{@code delimiter}, {@code quote}, {@code escape}, {@code nullValue}, {@code dateFormat},
 * {@code timestampFormat}, {@code comment}, {@code encoding}, {@code mode} (DROPMALFORMED skips bad lines),
 * {@code multiLine} (json), {@code mergeSchema} (parquet); other options fail naming the option. A directory
 * reads every data file under it (as Spark writes them, partition directories included). Not thread-safe itself
 * (a builder); the frame it returns is immutable and safe to share.
 */
public final class DataFrameReader {
  private static final List<String> FORMATS = List.of("csv", "parquet", "json");
  private static final List<String> KNOWN_OPTIONS = List.of("header", "inferschema", "sep", "delimiter", "quote",
      "escape", "nullvalue", "dateformat", "timestampformat", "comment", "encoding", "mode", "multiline",
      "mergeschema", "path", "samplingratio", "ignoreleadingwhitespace", "ignoretrailingwhitespace", "linesep",
      "recursivefilelookup", "pathglobfilter");

  private final SparkSession session;
  private String format = "parquet"; // Spark's spark.sql.sources.default
  private final Map<String, String> options = new LinkedHashMap<>();
  private StructType schema;

  DataFrameReader(SparkSession session) {
    this.session = session;
  }

  public DataFrameReader format(String source) {
    Objects.requireNonNull(source, "source");
    String f = source.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new AnalysisException("DATA_SOURCE_NOT_FOUND", String.format(Locale.ROOT,
          "Failed to find the data source: %s. mockspark reads %s.", source, String.join(", ", FORMATS)), null);
    }
    this.format = f;
    return this;
  }

  public DataFrameReader schema(StructType schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  public DataFrameReader option(String key, String value) {
    Objects.requireNonNull(key, "key");
    String k = key.toLowerCase(Locale.ROOT);
    if (!KNOWN_OPTIONS.contains(k)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "mockspark's reader does not support the option '%s'; supported: %s", key, String.join(", ", KNOWN_OPTIONS)));
    }
    options.put(k, value);
    return this;
  }

  public DataFrameReader option(String key, boolean value) { return option(key, Boolean.toString(value)); }
  public DataFrameReader option(String key, long value) { return option(key, Long.toString(value)); }
  public DataFrameReader option(String key, double value) { return option(key, Double.toString(value)); }

  public DataFrameReader options(Map<String, String> opts) {
    opts.forEach(this::option);
    return this;
  }

  public Dataset<Row> load() {
    String path = options.get("path");
    if (path == null) {
      throw new IllegalArgumentException("load() needs a path: call load(path) or option(\"path\", ...)");
    }
    return load(path);
  }

  public Dataset<Row> load(String... paths) {
    if (paths.length == 0) {
      return load();
    }
    List<String> resolved = new ArrayList<>();
    for (String p : paths) {
      Objects.requireNonNull(p, "path");
      String local = p.startsWith("file:") ? Path.of(java.net.URI.create(p)).toString() : p;
      if (!local.contains("*") && !Files.exists(Path.of(local))) {
        throw new AnalysisException("PATH_NOT_FOUND", String.format(Locale.ROOT,
            "Path does not exist: file:%s.", Path.of(local).toAbsolutePath()), null);
      }
      resolved.add(local);
    }
    String call = readerCall(format, resolved, options, schema);
    String sql = "SELECT * FROM " + call;
    StructType found = session.engine().schema(sql);
    List<String> cols = new ArrayList<>();
    StructField[] fs = found.fields();
    boolean csvNoHeader = format.equals("csv") && !flag(options, "header") && schema == null;
    List<StructField> ordered = new ArrayList<>(Arrays.asList(fs));
    if (format.equals("json") && schema == null) {
      ordered.sort((a, b) -> a.name().compareTo(b.name())); // Spark sorts inferred json fields by name
    }
    for (int i = 0; i < ordered.size(); i++) {
      StructField f = ordered.get(i);
      String ref = Column.quote(f.name());
      String name = csvNoHeader ? "_c" + Arrays.asList(fs).indexOf(f) : f.name();
      if (format.equals("json") && f.dataType().sqlType().equalsIgnoreCase("JSON")) {
        ref = "CAST(" + ref + " AS VARCHAR)";
      }
      cols.add(ref.equals(Column.quote(name)) ? ref : ref + " AS " + Column.quote(name));
    }
    return SessionCatalog.query(session, "SELECT " + String.join(", ", cols) + " FROM " + call);
  }

  public Dataset<Row> csv(String... paths) { return format("csv").load(paths); }
  public Dataset<Row> parquet(String... paths) { return format("parquet").load(paths); }
  public Dataset<Row> json(String... paths) { return format("json").load(paths); }

  public Dataset<Row> table(String name) { return session.table(name); }

  private static boolean flag(Map<String, String> options, String key) {
    String v = options.get(key);
    if (v == null) {
      return false;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "option '%s' must be true or false, got '%s'", key, v));
    }
    return Boolean.parseBoolean(v);
  }

  private static String ext(String format) {
    return format.equals("json") ? "json" : format;
  }

  /** The DuckDB table function reading {@code paths} in {@code format} with Spark's options mapped. */
  static String readerCall(String format, List<String> paths, Map<String, String> options, StructType schema) {
    boolean partitioned = false;
    List<String> globs = new ArrayList<>();
    for (String p : paths) {
      if (Files.isDirectory(Path.of(p))) {
        // Spark writes part files (and partition directories); _SUCCESS and dot files are skipped by the extension
        globs.add(p.replaceAll("/+$", "") + "/**/*." + ext(format));
        partitioned = true;
      } else {
        globs.add(p);
      }
    }
    String files = "[" + globs.stream().map(SqlTranslator::stringLiteral).collect(Collectors.joining(", ")) + "]";
    List<String> args = new ArrayList<>();
    args.add(files);
    if (partitioned && !format.equals("json")) {
      args.add("hive_partitioning = true");
    }
    switch (format) {
      case "csv" -> {
        args.add("header = " + flag(options, "header"));
        String sep = options.getOrDefault("sep", options.get("delimiter"));
        if (sep != null) {
          args.add("delim = " + SqlTranslator.stringLiteral(sep));
        }
        if (options.containsKey("quote")) {
          args.add("quote = " + SqlTranslator.stringLiteral(options.get("quote")));
        }
        if (options.containsKey("escape")) {
          args.add("escape = " + SqlTranslator.stringLiteral(options.get("escape")));
        }
        if (options.containsKey("nullvalue")) {
          args.add("nullstr = " + SqlTranslator.stringLiteral(options.get("nullvalue")));
        }
        if (options.containsKey("comment")) {
          args.add("comment = " + SqlTranslator.stringLiteral(options.get("comment")));
        }
        if (options.containsKey("encoding")) {
          args.add("encoding = " + SqlTranslator.stringLiteral(options.get("encoding").toLowerCase(Locale.ROOT)));
        }
        if (options.containsKey("dateformat")) {
          args.add("dateformat = " + SqlTranslator.stringLiteral(SqlTranslator.dateFormat(options.get("dateformat"))));
        }
        if (options.containsKey("timestampformat")) {
          args.add("timestampformat = "
              + SqlTranslator.stringLiteral(SqlTranslator.dateFormat(options.get("timestampformat"))));
        }
        if ("DROPMALFORMED".equalsIgnoreCase(options.get("mode"))) {
          args.add("ignore_errors = true");
        }
        if (schema != null) {
          args.add("columns = " + columnsStruct(schema));
        } else if (flag(options, "inferschema")) {
          // Spark infers int when the values fit, then long; DuckDB's default candidates skip INTEGER
          args.add("auto_type_candidates = ['BOOLEAN', 'INTEGER', 'BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'VARCHAR']");
        } else {
          args.add("all_varchar = true");
        }
      }
      case "json" -> {
        args.add("format = " + (flag(options, "multiline") ? "'auto'" : "'newline_delimited'"));
        if (schema != null) {
          args.add("columns = " + columnsStruct(schema));
        }
      }
      case "parquet" -> {
        if (flag(options, "mergeschema")) {
          args.add("union_by_name = true");
        }
        if (schema != null) {
          throw new IllegalArgumentException(
              "mockspark reads parquet with the file's own schema; drop schema(...) or select and cast afterwards");
        }
      }
      default -> throw new IllegalArgumentException("unknown format " + format);
    }
    String fn = switch (format) {
      case "csv" -> "read_csv";
      case "json" -> "read_json";
      default -> "read_parquet";
    };
    return fn + "(" + String.join(", ", args) + ")";
  }

  private static String columnsStruct(StructType schema) {
    return "{" + Arrays.stream(schema.fields())
        .map(f -> SqlTranslator.stringLiteral(f.name()) + ": " + SqlTranslator.stringLiteral(f.dataType().sqlType()))
        .collect(Collectors.joining(", ")) + "}";
  }
}
