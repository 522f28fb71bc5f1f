package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An expression over a frame's columns, in Spark's Java method style. Immutable: every method returns a new
 * column; safe to share between threads. Holds the DuckDB SQL text and Spark's display name.
 */
public class Column {
  final String sql;
  final String name;
  final boolean aggregate;

  Column(String sql, String name, boolean aggregate) {
    this.sql = sql;
    this.name = name;
    this.aggregate = aggregate;
  }

  /** A reference to a column by name, like {@code functions.col}. */
  public Column(String name) {
    this(name.equals("*") ? "*" : quote(name), name, false);
  }

  static String quote(String ident) {
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  static Column lit(Object v) {
    if (v instanceof Column c) {
      return c;
    }
    String text;
    if (v == null) {
      text = "NULL";
    } else if (v instanceof String s) {
      text = "'" + s.replace("'", "''") + "'";
    } else if (v instanceof Boolean || v instanceof Number) {
      text = v.toString();
    } else if (v instanceof java.sql.Date || v instanceof java.time.LocalDate) {
      text = "DATE '" + v + "'";
    } else if (v instanceof java.sql.Timestamp || v instanceof java.time.LocalDateTime) {
      text = "TIMESTAMP '" + v + "'";
    } else {
      throw new IllegalArgumentException("Unsupported literal type " + v.getClass().getName()
          + ": use String, Number, Boolean, java.sql.Date or java.sql.Timestamp");
    }
    String display = v == null ? "NULL" : v.toString();
    return new Column(v instanceof Integer || v instanceof Long || v == null || v instanceof String
        || v instanceof Boolean ? text : "(" + text + ")", display, false);
  }

  private Column bin(String op, Object other, String sparkOp) {
    Column o = lit(other);
    return new Column("(" + sql + " " + op + " " + o.sql + ")", "(" + name + " " + sparkOp + " " + o.name + ")",
        aggregate || o.aggregate);
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
  /** Spark's division is always fractional. */
  public Column divide(Object o) { return bin("/", o, "/"); }
  public Column mod(Object o) { return bin("%", o, "%"); }

  public Column isNull() { return new Column("(" + sql + " IS NULL)", "(" + name + " IS NULL)", aggregate); }
  public Column isNotNull() { return new Column("(" + sql + " IS NOT NULL)", "(" + name + " IS NOT NULL)", aggregate); }

  public Column isin(Object... values) {
    String in = Arrays.stream(values).map(v -> lit(v).sql).collect(Collectors.joining(", "));
    String shown = Arrays.stream(values).map(v -> lit(v).name).collect(Collectors.joining(", "));
    return new Column("(" + sql + " IN (" + in + "))", "(" + name + " IN (" + shown + "))", aggregate);
  }

  public Column like(String pattern) { return bin("LIKE", pattern, "LIKE"); }
  public Column startsWith(String prefix) { return new Column("starts_with(" + sql + ", " + lit(prefix).sql + ")", "startswith(" + name + ", " + prefix + ")", aggregate); }
  public Column contains(Object o) { return new Column("contains(" + sql + ", " + lit(o).sql + ")", "contains(" + name + ", " + lit(o).name + ")", aggregate); }

  public Column cast(DataType to) {
    return new Column("TRY_CAST(" + sql + " AS " + to.sqlType() + ")", name, aggregate);
  }

  public Column cast(String to) {
    return cast(dev.confine.mockspark.sql.types.DataTypes.fromSqlType(Casts.sparkToDuck(to)));
  }

  public Column alias(String alias) { return new Column(sql, alias, aggregate); }
  public Column as(String alias) { return alias(alias); }
  public Column name(String alias) { return alias(alias); }

  /** Spark sorts nulls first ascending and last descending; DuckDB's default differs, so it is spelled out. */
  public Column asc() { return new Column(sql + " ASC NULLS FIRST", name, aggregate); }
  public Column desc() { return new Column(sql + " DESC NULLS LAST", name, aggregate); }
  public Column asc_nulls_last() { return new Column(sql + " ASC NULLS LAST", name, aggregate); }
  public Column desc_nulls_first() { return new Column(sql + " DESC NULLS FIRST", name, aggregate); }

  public Column when(Column condition, Object value) {
    if (!sql.startsWith("CASE ") || !sql.endsWith(" END")) {
      throw new IllegalArgumentException("when() can only be applied on a Column previously generated by when()");
    }
    return new Column(sql.substring(0, sql.length() - 4) + " WHEN " + condition.sql + " THEN " + lit(value).sql + " END",
        name, aggregate);
  }

  public Column otherwise(Object value) {
    if (!sql.startsWith("CASE ") || !sql.endsWith(" END")) {
      throw new IllegalArgumentException("otherwise() can only be applied on a Column previously generated by when()");
    }
    return new Column(sql.substring(0, sql.length() - 4) + " ELSE " + lit(value).sql + " END", name, aggregate);
  }

  /** This function evaluated over a window; Spark's display name is kept short (alias it for a stable name). */
  public Column over(dev.confine.mockspark.sql.expressions.WindowSpec window) {
    return new Column(sql + " OVER (" + window.sql() + ")", name + " OVER (" + window.sql() + ")", false);
  }

  /** The DuckDB SQL text of this expression. */
  public String expr() { return sql; }

  @Override
  public String toString() { return name; }
}
