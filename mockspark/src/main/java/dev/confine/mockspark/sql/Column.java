package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An expression over a frame's columns, in Spark's Java method style. Immutable: every method returns a new
 * column; safe to share between threads. Holds the DuckDB SQL text and Spark's display name (the column name
 * Spark would give the expression when it is not aliased).
 */
public class Column {
  final String sql;
  final String name;
  final boolean aggregate;
  /**
   * For Spark's ranking functions, which are {@code int} in Spark but {@code BIGINT} in DuckDB: the type the
   * whole windowed expression is cast to once {@link #over} is applied; null otherwise.
   */
  final String castAfterOver;

  Column(String sql, String name, boolean aggregate) {
    this(sql, name, aggregate, null);
  }

  Column(String sql, String name, boolean aggregate, String castAfterOver) {
    this.sql = sql;
    this.name = name;
    this.aggregate = aggregate;
    this.castAfterOver = castAfterOver;
  }

  /**
   * A reference to a column by name, like {@code functions.col}: {@code "*"}, {@code "name"},
   * {@code "s.field"} (a struct field or a qualified column, as Spark reads dots) or {@code "`a.b`"} (a name
   * containing a dot, in Spark's backticks).
   */
  public Column(String name) {
    this(reference(java.util.Objects.requireNonNull(name, "name")), displayName(name), false);
  }

  private static String reference(String name) {
    if (name.equals("*")) {
      return "*";
    }
    return splitName(name).stream().map(Column::quote).collect(Collectors.joining("."));
  }

  private static String displayName(String name) {
    if (name.equals("*")) {
      return "*";
    }
    List<String> parts = splitName(name);
    return parts.get(parts.size() - 1);
  }

  /** Splits {@code a.b.`c.d`} into {@code [a, b, c.d]}; a name without dots or backticks stays whole. */
  static List<String> splitName(String name) {
    if (name.indexOf('.') < 0 && name.indexOf('`') < 0) {
      return List.of(name);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inTicks = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '`') {
        if (inTicks && i + 1 < name.length() && name.charAt(i + 1) == '`') {
          cur.append('`');
          i++;
        } else {
          inTicks = !inTicks;
        }
      } else if (c == '.' && !inTicks) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (inTicks) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Column name %s has an unclosed backtick: close it, e.g. `a.b`", name));
    }
    parts.add(cur.toString());
    return parts;
  }

  static String quote(String ident) {
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  static Column lit(Object v) {
    if (v instanceof Column c) {
      return c;
    }
    String text;
    boolean plain = false;
    if (v == null) {
      text = "NULL";
      plain = true;
    } else if (v instanceof String s) {
      text = "'" + s.replace("'", "''") + "'";
      plain = true;
    } else if (v instanceof Boolean || v instanceof Integer) {
      text = v.toString();
      plain = true;
    } else if (v instanceof Long) {
      text = "CAST(" + v + " AS BIGINT)";
    } else if (v instanceof Short) {
      text = "CAST(" + v + " AS SMALLINT)";
    } else if (v instanceof Byte) {
      text = "CAST(" + v + " AS TINYINT)";
    } else if (v instanceof Double d) {
      // a bare 2.5 would be a DuckDB DECIMAL; Spark's lit(2.5) is a double
      text = d.isNaN() || d.isInfinite() ? "CAST('" + d + "' AS DOUBLE)" : "CAST(" + d + " AS DOUBLE)";
    } else if (v instanceof Float f) {
      text = f.isNaN() || f.isInfinite() ? "CAST('" + f + "' AS FLOAT)" : "CAST(" + f + " AS FLOAT)";
    } else if (v instanceof BigDecimal bd) {
      int scale = Math.max(bd.scale(), 0);
      int precision = Math.max(bd.precision(), scale);
      text = String.format(Locale.ROOT, "CAST('%s' AS DECIMAL(%d,%d))", bd.toPlainString(), Math.min(38, Math.max(1, precision)), scale);
    } else if (v instanceof java.math.BigInteger bi) {
      text = "CAST(" + bi + " AS HUGEINT)";
    } else if (v instanceof java.sql.Date || v instanceof java.time.LocalDate) {
      text = "DATE '" + v + "'";
    } else if (v instanceof java.sql.Timestamp || v instanceof java.time.LocalDateTime) {
      text = "TIMESTAMP '" + v.toString().replace('T', ' ') + "'";
    } else if (v instanceof java.time.Instant i) {
      text = "CAST(TIMESTAMPTZ '" + i + "' AS TIMESTAMP)";
    } else if (v instanceof List<?> list) {
      // an array value (createDataFrame with an array column); the caller's CAST gives it its element type
      text = list.isEmpty() ? "[]" : "list_value(" + list.stream().map(e -> lit(e).sql).collect(Collectors.joining(", ")) + ")";
    } else if (v instanceof Row row) {
      // a struct value; the caller's CAST to the STRUCT type names its fields
      List<String> items = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        items.add(lit(row.get(i)).sql);
      }
      text = "row(" + String.join(", ", items) + ")";
    } else {
      throw new IllegalArgumentException("Unsupported literal type " + v.getClass().getName()
          + ": use String, a boxed number, BigDecimal, Boolean, java.sql.Date, java.sql.Timestamp, LocalDate, "
          + "LocalDateTime, Instant, java.util.List (array) or Row (struct)");
    }
    String display = v == null ? "NULL" : v.toString();
    return new Column(plain ? text : "(" + text + ")", display, false);
  }

  private Column bin(String op, Object other, String sparkOp) {
    Column o = lit(other);
    return new Column("(" + sql + " " + op + " " + o.sql + ")", "(" + name + " " + sparkOp + " " + o.name + ")",
        aggregate || o.aggregate);
  }

  private Column fn(String duckSql, String sparkName) {
    return new Column(duckSql, sparkName, aggregate);
  }

  public Column gt(Object o) { return bin(">", o, ">"); }
  public Column geq(Object o) { return bin(">=", o, ">="); }
  public Column lt(Object o) { return bin("<", o, "<"); }
  public Column leq(Object o) { return bin("<=", o, "<="); }
  public Column equalTo(Object o) { return bin("=", o, "="); }
  public Column notEqual(Object o) { return bin("<>", o, "!="); }
  public Column eqNullSafe(Object o) { return bin("IS NOT DISTINCT FROM", o, "<=>"); }
  public Column and(Column o) { return bin("AND", o, "AND"); }
  public Column or(Column o) { return bin("OR", o, "OR"); }
  public Column plus(Object o) { return bin("+", o, "+"); }
  public Column minus(Object o) { return bin("-", o, "-"); }
  public Column multiply(Object o) { return bin("*", o, "*"); }

  /**
   * Spark's division: always fractional, and (ANSI mode, Spark 4's default) dividing by zero fails with
   * {@code DIVIDE_BY_ZERO} instead of DuckDB's infinity.
   */
  public Column divide(Object o) {
    Column d = lit(o);
    return new Column("(CASE WHEN " + d.sql + " = 0 THEN " + SparkErrors.raise("DIVIDE_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.")
        + " ELSE CAST(" + sql + " AS DOUBLE) / " + d.sql + " END)",
        "(" + name + " / " + d.name + ")", aggregate || d.aggregate);
  }

  public Column mod(Object o) { return bin("%", o, "%"); }

  public Column unary_minus() { return fn("(- " + sql + ")", "(- " + name + ")"); }

  public Column isNull() { return fn("(" + sql + " IS NULL)", "(" + name + " IS NULL)"); }
  public Column isNotNull() { return fn("(" + sql + " IS NOT NULL)", "(" + name + " IS NOT NULL)"); }
  public Column isNaN() { return fn("isnan(" + sql + ")", "isnan(" + name + ")"); }

  public Column isin(Object... values) {
    String in = Arrays.stream(values).map(v -> lit(v).sql).collect(Collectors.joining(", "));
    String shown = Arrays.stream(values).map(v -> lit(v).name).collect(Collectors.joining(", "));
    return fn("(" + sql + " IN (" + in + "))", "(" + name + " IN (" + shown + "))");
  }

  public Column between(Object lower, Object upper) {
    Column lo = lit(lower);
    Column hi = lit(upper);
    return new Column("(" + sql + " BETWEEN " + lo.sql + " AND " + hi.sql + ")",
        "((" + name + " >= " + lo.name + ") AND (" + name + " <= " + hi.name + "))", aggregate);
  }

  public Column like(String pattern) { return bin("LIKE", pattern, "LIKE"); }

  /** Java regular expression, matched anywhere in the string (as Spark's {@code rlike}); DuckDB uses RE2. */
  public Column rlike(String regex) {
    return fn("regexp_matches(" + sql + ", " + lit(regex).sql + ")", "RLIKE(" + name + ", " + regex + ")");
  }

  public Column startsWith(String prefix) {
    return fn("starts_with(" + sql + ", " + lit(prefix).sql + ")", "startswith(" + name + ", " + prefix + ")");
  }

  public Column startsWith(Column prefix) {
    return fn("starts_with(" + sql + ", " + prefix.sql + ")", "startswith(" + name + ", " + prefix.name + ")");
  }

  public Column endsWith(String suffix) {
    return fn("ends_with(" + sql + ", " + lit(suffix).sql + ")", "endswith(" + name + ", " + suffix + ")");
  }

  public Column endsWith(Column suffix) {
    return fn("ends_with(" + sql + ", " + suffix.sql + ")", "endswith(" + name + ", " + suffix.name + ")");
  }

  public Column contains(Object o) {
    return fn("contains(" + sql + ", " + lit(o).sql + ")", "contains(" + name + ", " + lit(o).name + ")");
  }

  /** Spark's 1-based {@code substr(pos, len)}. */
  public Column substr(int startPos, int length) {
    return functions.substring(this, startPos, length);
  }

  public Column substr(Column startPos, Column length) {
    return fn("substring(" + sql + ", " + startPos.sql + ", " + length.sql + ")",
        "substr(" + name + ", " + startPos.name + ", " + length.name + ")");
  }

  /** Element of an array (0-based, as in Spark) or value of a map key. */
  public Column getItem(Object key) {
    Column k = lit(key);
    String index = key instanceof Number ? "(" + k.sql + ") + 1" : k.sql;
    return fn(sql + "[" + index + "]", name + "[" + k.name + "]");
  }

  /** A field of a struct column. */
  public Column getField(String fieldName) {
    return fn("(" + sql + ")." + quote(fieldName), name + "." + fieldName);
  }

  /**
   * Cast as in Spark's ANSI mode (Spark 4's default): a value that cannot be converted fails the query with
   * {@code CAST_INVALID_INPUT}. Fractional to integral truncates toward zero, as Spark does (a decimal beyond
   * 10^29 cast to an integral type gives null instead of Spark's overflow error).
   */
  public Column cast(DataType to) {
    String target = to.sqlType();
    String castSql;
    if (target.equals("INTEGER") || target.equals("BIGINT") || target.equals("SMALLINT") || target.equals("TINYINT")) {
      // DuckDB rounds a fractional value cast to an integer (half to even), Spark truncates toward zero. The
      // source type is not known here, so DuckDB picks the branch at bind time with typeof (a constant): the
      // TRY_CASTs only make the fractional branch bind for other source types, where it is never taken.
      castSql = "(CASE WHEN typeof(" + sql + ") IN ('DOUBLE', 'FLOAT') THEN CAST(trunc(TRY_CAST(" + sql + " AS DOUBLE)) AS "
          + target + ") WHEN typeof(" + sql + ") LIKE 'DECIMAL%' THEN CAST(trunc(TRY_CAST(" + sql + " AS DECIMAL(38,9))) AS "
          + target + ") ELSE CAST(" + sql + " AS " + target + ") END)";
    } else {
      castSql = "CAST(" + sql + " AS " + target + ")";
    }
    return new Column(castSql, "CAST(" + name + " AS " + to.sql() + ")", aggregate);
  }

  public Column cast(String to) {
    return cast(Casts.sparkType(to));
  }

  public Column alias(String alias) { return new Column(sql, alias, aggregate, castAfterOver); }
  public Column as(String alias) { return alias(alias); }
  public Column name(String alias) { return alias(alias); }

  /** Spark sorts nulls first ascending and last descending; DuckDB's default differs, so it is spelled out. */
  public Column asc() { return new Column(sql + " ASC NULLS FIRST", name, aggregate); }
  public Column desc() { return new Column(sql + " DESC NULLS LAST", name, aggregate); }
  public Column asc_nulls_first() { return new Column(sql + " ASC NULLS FIRST", name, aggregate); }
  public Column asc_nulls_last() { return new Column(sql + " ASC NULLS LAST", name, aggregate); }
  public Column desc_nulls_first() { return new Column(sql + " DESC NULLS FIRST", name, aggregate); }
  public Column desc_nulls_last() { return new Column(sql + " DESC NULLS LAST", name, aggregate); }

  public Column when(Column condition, Object value) {
    if (!sql.startsWith("CASE ") || !sql.endsWith(" END")) {
      throw new IllegalArgumentException("when() can only be applied on a Column previously generated by when()");
    }
    Column v = lit(value);
    return new Column(sql.substring(0, sql.length() - 4) + " WHEN " + condition.sql + " THEN " + v.sql + " END",
        name.substring(0, name.length() - 4) + " WHEN " + condition.name + " THEN " + v.name + " END", aggregate);
  }

  public Column otherwise(Object value) {
    if (!sql.startsWith("CASE ") || !sql.endsWith(" END")) {
      throw new IllegalArgumentException("otherwise() can only be applied on a Column previously generated by when()");
    }
    Column v = lit(value);
    return new Column(sql.substring(0, sql.length() - 4) + " ELSE " + v.sql + " END",
        name.substring(0, name.length() - 4) + " ELSE " + v.name + " END", aggregate);
  }

  /** This function evaluated over a window; Spark's display name is kept short (alias it for a stable name). */
  public Column over(dev.confine.mockspark.sql.expressions.WindowSpec window) {
    String windowed = sql + " OVER (" + window.sql() + ")";
    if (castAfterOver != null) {
      windowed = "CAST(" + windowed + " AS " + castAfterOver + ")";
    }
    return new Column(windowed, name + " OVER (" + window.sql() + ")", false);
  }

  /** This function over the whole frame (Spark's {@code over()} with an empty window). */
  public Column over() {
    String windowed = sql + " OVER ()";
    if (castAfterOver != null) {
      windowed = "CAST(" + windowed + " AS " + castAfterOver + ")";
    }
    return new Column(windowed, name + " OVER ()", false);
  }

  /** The DuckDB SQL text of this expression. */
  public String expr() { return sql; }

  @Override
  public String toString() { return name; }
}
