package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import dev.confine.mockspark.sql.types.StructField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Missing-value handling, as Spark's {@code DataFrameNaFunctions} ({@code df.na()}): {@code fill} replaces nulls
 * in the columns whose type fits the value (numbers fill numeric columns, strings string columns, booleans
 * boolean columns; other columns are left alone, as in Spark), {@code drop} removes rows with nulls. Immutable;
 * thread-safe like the frame it belongs to.
 */
public final class DataFrameNaFunctions {
  private final Dataset<?> frame;

  DataFrameNaFunctions(Dataset<?> frame) {
    this.frame = frame;
  }

  private enum Kind { NUMERIC, STRING, BOOLEAN, OTHER }

  private static Kind kind(DataType t) {
    String s = t.simpleString();
    switch (s) {
      case "int": case "bigint": case "smallint": case "tinyint": case "double": case "float": return Kind.NUMERIC;
      case "string": return Kind.STRING;
      case "boolean": return Kind.BOOLEAN;
      default: return s.startsWith("decimal(") ? Kind.NUMERIC : Kind.OTHER;
    }
  }

  private static Kind kindOf(Object value) {
    if (value instanceof Number) {
      return Kind.NUMERIC;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "Unsupported value type %s for na().fill: use a number, a String or a Boolean",
        value == null ? "null" : value.getClass().getName()));
  }

  public Dataset<Row> fill(long value) { return fill((Object) value, null); }
  public Dataset<Row> fill(double value) { return fill((Object) value, null); }
  public Dataset<Row> fill(String value) { return fill((Object) value, null); }
  public Dataset<Row> fill(boolean value) { return fill((Object) value, null); }
  public Dataset<Row> fill(long value, String[] cols) { return fill((Object) value, cols); }
  public Dataset<Row> fill(double value, String[] cols) { return fill((Object) value, cols); }
  public Dataset<Row> fill(String value, String[] cols) { return fill((Object) value, cols); }
  public Dataset<Row> fill(boolean value, String[] cols) { return fill((Object) value, cols); }

  /** Per-column values; each value must fit its column's type (a string for a numeric column is an error). */
  public Dataset<Row> fill(Map<String, Object> valueMap) {
    Objects.requireNonNull(valueMap, "valueMap");
    StructField[] fields = frame.schema().fields();
    for (String c : valueMap.keySet()) {
      if (Arrays.stream(fields).noneMatch(f -> f.name().equalsIgnoreCase(c))) {
        throw Dataset.unresolved(c, frame.columns());
      }
    }
    List<Column> out = new ArrayList<>();
    for (StructField f : fields) {
      Object v = null;
      boolean has = false;
      for (Map.Entry<String, Object> e : valueMap.entrySet()) {
        if (e.getKey().equalsIgnoreCase(f.name())) {
          v = e.getValue();
          has = true;
        }
      }
      if (has) {
        Kind want = kind(f.dataType());
        if (kindOf(v) != want) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "na().fill: value %s (%s) does not fit column %s of type %s", v, v.getClass().getSimpleName(), f.name(),
              f.dataType().simpleString()));
        }
        out.add(filled(f, v));
      } else {
        out.add(frame.col(f.name()));
      }
    }
    return frame.select(out.toArray(new Column[0]));
  }

  private Dataset<Row> fill(Object value, String[] cols) {
    Kind k = kindOf(value);
    StructField[] fields = frame.schema().fields();
    if (cols != null) {
      for (String c : cols) {
        if (Arrays.stream(fields).noneMatch(f -> f.name().equalsIgnoreCase(c))) {
          throw Dataset.unresolved(c, frame.columns());
        }
      }
    }
    List<Column> out = new ArrayList<>();
    for (StructField f : fields) {
      boolean named = cols == null || Arrays.stream(cols).anyMatch(c -> c.equalsIgnoreCase(f.name()));
      out.add(named && kind(f.dataType()) == k ? filled(f, value) : frame.col(f.name()));
    }
    return frame.select(out.toArray(new Column[0]));
  }

  private Column filled(StructField f, Object value) {
    Column c = frame.col(f.name());
    // the value takes the column's type, as in Spark (fill(0) keeps an int column int, a double column double)
    return new Column("coalesce(" + c.sql + ", CAST(" + Column.lit(value).sql + " AS " + f.dataType().sqlType() + "))",
        f.name(), false);
  }

  /** Drops rows with a null in any column. */
  public Dataset<Row> drop() { return drop("any"); }

  /** {@code "any"}: drop rows with any null; {@code "all"}: only rows whose values are all null. */
  public Dataset<Row> drop(String how) { return drop(how, frame.columns()); }

  public Dataset<Row> drop(String[] cols) { return drop("any", cols); }

  public Dataset<Row> drop(String how, String[] cols) {
    String h = Objects.requireNonNull(how, "how").toLowerCase(Locale.ROOT);
    if (!h.equals("any") && !h.equals("all")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "how must be 'any' or 'all', got '%s'", how));
    }
    return drop(h.equals("all") ? 1 : cols.length, cols);
  }

  /** Keeps rows with at least {@code minNonNulls} non-null values in all columns. */
  public Dataset<Row> drop(int minNonNulls) { return drop(minNonNulls, frame.columns()); }

  /** Keeps rows with at least {@code minNonNulls} non-null values among {@code cols}. */
  public Dataset<Row> drop(int minNonNulls, String[] cols) {
    if (cols.length == 0) {
      return frame.toDF();
    }
    List<String> terms = new ArrayList<>();
    for (String c : cols) {
      terms.add("(CASE WHEN " + frame.col(c).sql + " IS NULL THEN 0 ELSE 1 END)");
    }
    return frame.filter(new Column("(" + String.join(" + ", terms) + ") >= " + minNonNulls, "na.drop", false)).toDF();
  }
}
