package dev.confine.mockspark.sql;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Column functions, as Spark's {@code functions}. Stateless; thread-safe. */
@SuppressWarnings("checkstyle:TypeName")
public final class functions {
  private functions() {}

  public static Column col(String name) { return new Column(name); }
  public static Column column(String name) { return new Column(name); }
  public static Column lit(Object value) { return Column.lit(value); }
  public static Column expr(String sqlExpr) {
    return new Column(SqlTranslator.expression(sqlExpr), sqlExpr, false);
  }

  private static Column agg(String duck, String spark, Column c) {
    return new Column(duck + "(" + c.sql + ")", spark + "(" + c.name + ")", true);
  }

  public static Column sum(Column c) { return agg("sum", "sum", c); }
  public static Column sum(String c) { return sum(col(c)); }
  public static Column avg(Column c) { return agg("avg", "avg", c); }
  public static Column avg(String c) { return avg(col(c)); }
  public static Column mean(Column c) { return agg("avg", "avg", c); }
  public static Column min(Column c) { return agg("min", "min", c); }
  public static Column min(String c) { return min(col(c)); }
  public static Column max(Column c) { return agg("max", "max", c); }
  public static Column max(String c) { return max(col(c)); }
  public static Column first(Column c) { return agg("first", "first", c); }
  public static Column last(Column c) { return agg("last", "last", c); }

  public static Column count(Column c) {
    return c.sql.equals("*") ? new Column("count(*)", "count(1)", true) : agg("count", "count", c);
  }

  public static Column count(String c) { return count(col(c)); }

  public static Column countDistinct(Column c) {
    return new Column("count(DISTINCT " + c.sql + ")", "count(DISTINCT " + c.name + ")", true);
  }

  public static Column upper(Column c) { return new Column("upper(" + c.sql + ")", "upper(" + c.name + ")", c.aggregate); }
  public static Column lower(Column c) { return new Column("lower(" + c.sql + ")", "lower(" + c.name + ")", c.aggregate); }
  public static Column trim(Column c) { return new Column("trim(" + c.sql + ")", "trim(" + c.name + ")", c.aggregate); }
  public static Column length(Column c) { return new Column("length(" + c.sql + ")", "length(" + c.name + ")", c.aggregate); }
  public static Column abs(Column c) { return new Column("abs(" + c.sql + ")", "abs(" + c.name + ")", c.aggregate); }

  public static Column round(Column c, int scale) {
    return new Column("round(" + c.sql + ", " + scale + ")", "round(" + c.name + ", " + scale + ")", c.aggregate);
  }

  public static Column concat(Column... cs) {
    // Spark's concat yields null if any input is null; DuckDB's concat skips nulls, the || operator does not
    return new Column("(" + Arrays.stream(cs).map(c -> c.sql).collect(Collectors.joining(" || ")) + ")",
        "concat(" + Arrays.stream(cs).map(c -> c.name).collect(Collectors.joining(", ")) + ")", false);
  }

  public static Column coalesce(Column... cs) {
    return new Column("coalesce(" + Arrays.stream(cs).map(c -> c.sql).collect(Collectors.joining(", ")) + ")",
        "coalesce(" + Arrays.stream(cs).map(c -> c.name).collect(Collectors.joining(", ")) + ")", false);
  }

  public static Column when(Column condition, Object value) {
    return new Column("CASE WHEN " + condition.sql + " THEN " + Column.lit(value).sql + " END",
        "CASE WHEN " + condition.name + " THEN " + Column.lit(value).name + " END", false);
  }

  public static Column row_number() { return new Column("row_number()", "row_number()", false); }
  public static Column rank() { return new Column("rank()", "RANK()", false); }
  public static Column dense_rank() { return new Column("dense_rank()", "DENSE_RANK()", false); }

  public static Column lag(Column c, int offset) {
    return new Column("lag(" + c.sql + ", " + offset + ")", "lag(" + c.name + ", " + offset + ", NULL)", false);
  }

  public static Column lead(Column c, int offset) {
    return new Column("lead(" + c.sql + ", " + offset + ")", "lead(" + c.name + ", " + offset + ", NULL)", false);
  }

  public static Column asc(String c) { return col(c).asc(); }
  public static Column desc(String c) { return col(c).desc(); }
}
