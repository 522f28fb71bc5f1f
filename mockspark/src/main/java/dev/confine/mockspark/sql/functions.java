package dev.confine.mockspark.sql;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Column functions, as Spark's {@code functions}: each builds the DuckDB SQL that computes what Spark computes,
 * with Spark's result type (DuckDB's {@code BIGINT} results of {@code length}, {@code year}, ... are cast to
 * Spark's {@code int}) and Spark's display name. Stateless; thread-safe.
 */
@SuppressWarnings("checkstyle:TypeName")
public final class functions {
  private functions() {}

  public static Column col(String name) { return new Column(name); }
  public static Column column(String name) { return new Column(name); }
  public static Column lit(Object value) { return Column.lit(value); }
  public static Column expr(String sqlExpr) { return new Column(sqlExpr, sqlExpr, false); }

  private static Column agg(String duck, String spark, Column c) {
    return new Column(duck + "(" + c.sql + ")", spark + "(" + c.name + ")", true);
  }

  private static Column call(String duckSql, String sparkName, Column... from) {
    boolean aggregate = Arrays.stream(from).anyMatch(c -> c.aggregate);
    return new Column(duckSql, sparkName, aggregate);
  }

  private static String names(Column... cs) {
    return Arrays.stream(cs).map(c -> c.name).collect(Collectors.joining(", "));
  }

  private static String sqls(Column... cs) {
    return Arrays.stream(cs).map(c -> c.sql).collect(Collectors.joining(", "));
  }

  // ---- aggregates ------------------------------------------------------------------------------------------

  public static Column sum(Column c) { return agg("sum", "sum", c); }
  public static Column sum(String c) { return sum(col(c)); }
  public static Column avg(Column c) { return agg("avg", "avg", c); }
  public static Column avg(String c) { return avg(col(c)); }
  public static Column mean(Column c) { return agg("avg", "avg", c); }
  public static Column mean(String c) { return mean(col(c)); }
  public static Column min(Column c) { return agg("min", "min", c); }
  public static Column min(String c) { return min(col(c)); }
  public static Column max(Column c) { return agg("max", "max", c); }
  public static Column max(String c) { return max(col(c)); }

  /** Spark's {@code first} without ignoring nulls: the first value DuckDB sees (non-deterministic, as in Spark). */
  public static Column first(Column c) { return agg("first", "first", c); }
  public static Column first(String c) { return first(col(c)); }

  public static Column first(Column c, boolean ignoreNulls) {
    return ignoreNulls ? new Column("any_value(" + c.sql + ")", "first(" + c.name + ")", true) : first(c);
  }

  public static Column first(String c, boolean ignoreNulls) { return first(col(c), ignoreNulls); }
  public static Column last(Column c) { return agg("last", "last", c); }
  public static Column last(String c) { return last(col(c)); }

  public static Column count(Column c) {
    return c.sql.equals("*") ? new Column("count(*)", "count(1)", true) : agg("count", "count", c);
  }

  public static Column count(String c) { return count(col(c)); }

  public static Column countDistinct(Column c, Column... more) {
    Column[] all = prepend(c, more);
    return new Column("count(DISTINCT " + (all.length == 1 ? c.sql : "(" + sqls(all) + ")") + ")",
        "count(DISTINCT " + names(all) + ")", true);
  }

  public static Column countDistinct(String c, String... more) {
    return countDistinct(col(c), Arrays.stream(more).map(functions::col).toArray(Column[]::new));
  }

  /** Values of the group in no particular order, nulls left out (Spark's {@code collect_list}); empty, not null. */
  public static Column collect_list(Column c) {
    return new Column("coalesce(list(" + c.sql + ") FILTER (WHERE " + c.sql + " IS NOT NULL), [])",
        "collect_list(" + c.name + ")", true);
  }

  public static Column collect_list(String c) { return collect_list(col(c)); }

  public static Column collect_set(Column c) {
    return new Column("coalesce(list(DISTINCT " + c.sql + ") FILTER (WHERE " + c.sql + " IS NOT NULL), [])",
        "collect_set(" + c.name + ")", true);
  }

  public static Column collect_set(String c) { return collect_set(col(c)); }

  public static Column stddev(Column c) { return agg("stddev_samp", "stddev", c); }
  public static Column stddev(String c) { return stddev(col(c)); }
  public static Column variance(Column c) { return agg("var_samp", "variance", c); }
  public static Column variance(String c) { return variance(col(c)); }

  // ---- conditionals and null handling ----------------------------------------------------------------------

  public static Column when(Column condition, Object value) {
    Column v = Column.lit(value);
    return new Column("CASE WHEN " + condition.sql + " THEN " + v.sql + " END",
        "CASE WHEN " + condition.name + " THEN " + v.name + " END", condition.aggregate || v.aggregate);
  }

  public static Column not(Column c) { return call("(NOT " + c.sql + ")", "(NOT " + c.name + ")", c); }

  public static Column coalesce(Column... cs) {
    return call("coalesce(" + sqls(cs) + ")", "coalesce(" + names(cs) + ")", cs);
  }

  public static Column isnull(Column c) { return c.isNull(); }

  // ---- maths -----------------------------------------------------------------------------------------------

  public static Column abs(Column c) { return call("abs(" + c.sql + ")", "abs(" + c.name + ")", c); }

  /** Spark rounds half up (away from zero); DuckDB's {@code round} on doubles does the same. */
  public static Column round(Column c, int scale) {
    return call("round(" + c.sql + ", " + scale + ")", "round(" + c.name + ", " + scale + ")", c);
  }

  public static Column round(Column c) { return call("round(" + c.sql + ", 0)", "round(" + c.name + ", 0)", c); }
  public static Column sqrt(Column c) { return call("sqrt(" + c.sql + ")", "SQRT(" + c.name + ")", c); }

  public static Column floor(Column c) {
    return call("CAST(floor(" + c.sql + ") AS BIGINT)", "FLOOR(" + c.name + ")", c);
  }

  public static Column ceil(Column c) {
    return call("CAST(ceil(" + c.sql + ") AS BIGINT)", "CEIL(" + c.name + ")", c);
  }

  public static Column greatest(Column... cs) { return call("greatest(" + sqls(cs) + ")", "greatest(" + names(cs) + ")", cs); }
  public static Column least(Column... cs) { return call("least(" + sqls(cs) + ")", "least(" + names(cs) + ")", cs); }

  // ---- strings ---------------------------------------------------------------------------------------------

  public static Column upper(Column c) { return call("upper(" + c.sql + ")", "upper(" + c.name + ")", c); }
  public static Column lower(Column c) { return call("lower(" + c.sql + ")", "lower(" + c.name + ")", c); }
  /** Spark's trim functions remove spaces only (not tabs or newlines), as DuckDB's single-argument ones do. */
  public static Column trim(Column c) { return call("trim(" + c.sql + ", ' ')", "trim(" + c.name + ")", c); }
  public static Column ltrim(Column c) { return call("ltrim(" + c.sql + ", ' ')", "ltrim(" + c.name + ")", c); }
  public static Column rtrim(Column c) { return call("rtrim(" + c.sql + ", ' ')", "rtrim(" + c.name + ")", c); }

  /** Characters in a string; Spark's type is {@code int}. */
  public static Column length(Column c) {
    return call("CAST(length(" + c.sql + ") AS INTEGER)", "length(" + c.name + ")", c);
  }

  /** Spark's 1-based substring; a start of 0 means 1, a negative start counts from the end. */
  public static Column substring(Column c, int pos, int len) {
    return call("substring(" + c.sql + ", " + (pos == 0 ? 1 : pos) + ", " + Math.max(len, 0) + ")",
        "substring(" + c.name + ", " + pos + ", " + len + ")", c);
  }

  /** Spark's {@code concat}: null if any input is null (DuckDB's {@code concat} skips nulls, {@code ||} does not). */
  public static Column concat(Column... cs) {
    return call("(" + Arrays.stream(cs).map(c -> "CAST(" + c.sql + " AS VARCHAR)").collect(Collectors.joining(" || ")) + ")",
        "concat(" + names(cs) + ")", cs);
  }

  /** Spark's {@code concat_ws}: nulls are skipped. */
  public static Column concat_ws(String sep, Column... cs) {
    return call("concat_ws(" + Column.lit(sep).sql + ", " + Arrays.stream(cs).map(c -> "CAST(" + c.sql + " AS VARCHAR)")
        .collect(Collectors.joining(", ")) + ")", "concat_ws(" + sep + ", " + names(cs) + ")", cs);
  }

  /**
   * Replaces every match of a Java regular expression; {@code $1} group references in the replacement are
   * rewritten to DuckDB's {@code \1}. DuckDB's engine is RE2: look-around and back-references in the pattern
   * are not supported and fail with DuckDB's error.
   */
  public static Column regexp_replace(Column c, String pattern, String replacement) {
    return call("regexp_replace(" + c.sql + ", " + Column.lit(pattern).sql + ", " + Column.lit(javaReplacement(replacement)).sql
        + ", 'g')", "regexp_replace(" + c.name + ", " + pattern + ", " + replacement + ", 1)", c);
  }

  static String javaReplacement(String replacement) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char ch = replacement.charAt(i);
      if (ch == '\\' && i + 1 < replacement.length()) {
        char next = replacement.charAt(++i);
        // an escaped character is literal in Java; in RE2 only a backslash needs escaping
        out.append(next == '\\' ? "\\\\" : String.valueOf(next));
      } else if (ch == '$' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
        out.append('\\').append(replacement.charAt(++i));
      } else if (ch == '\\') {
        out.append("\\\\");
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  public static Column regexp_extract(Column c, String pattern, int group) {
    return call("regexp_extract(" + c.sql + ", " + Column.lit(pattern).sql + ", " + group + ")",
        "regexp_extract(" + c.name + ", " + pattern + ", " + group + ")", c);
  }

  /** Splits around matches of a Java regular expression; an empty string gives {@code [""]} as in Spark. */
  public static Column split(Column c, String pattern) {
    return call("(CASE WHEN " + c.sql + " = '' THEN [''] ELSE regexp_split_to_array(" + c.sql + ", "
        + Column.lit(pattern).sql + ") END)", "split(" + c.name + ", " + pattern + ", -1)", c);
  }

  // ---- dates and times -------------------------------------------------------------------------------------

  /** String (ISO {@code yyyy-MM-dd}, optionally with a time) or timestamp to date. */
  public static Column to_date(Column c) {
    return call("CAST(" + c.sql + " AS DATE)", "to_date(" + c.name + ")", c);
  }

  /** String to date with a Java {@code DateTimeFormatter}-style pattern. */
  public static Column to_date(Column c, String format) {
    return call("CAST(strptime(CAST(" + c.sql + " AS VARCHAR), " + Column.lit(DateFormats.toStrftime(format)).sql + ") AS DATE)",
        "to_date(" + c.name + ", " + format + ")", c);
  }

  public static Column to_timestamp(Column c) {
    return call("CAST(" + c.sql + " AS TIMESTAMP)", "to_timestamp(" + c.name + ")", c);
  }

  public static Column to_timestamp(Column c, String format) {
    return call("strptime(CAST(" + c.sql + " AS VARCHAR), " + Column.lit(DateFormats.toStrftime(format)).sql + ")",
        "to_timestamp(" + c.name + ", " + format + ")", c);
  }

  /** Formats a date or timestamp with a Java {@code DateTimeFormatter}-style pattern. */
  public static Column date_format(Column c, String format) {
    return call("strftime(" + c.sql + ", " + Column.lit(DateFormats.toStrftime(format)).sql + ")",
        "date_format(" + c.name + ", " + format + ")", c);
  }

  public static Column date_add(Column start, int days) {
    return call("CAST(CAST(" + start.sql + " AS DATE) + " + days + " AS DATE)", "date_add(" + start.name + ", " + days + ")", start);
  }

  public static Column date_sub(Column start, int days) {
    return call("CAST(CAST(" + start.sql + " AS DATE) - " + days + " AS DATE)", "date_sub(" + start.name + ", " + days + ")", start);
  }

  /** Days from {@code start} to {@code end}; Spark's type is {@code int}. */
  public static Column datediff(Column end, Column start) {
    return call("CAST(CAST(" + end.sql + " AS DATE) - CAST(" + start.sql + " AS DATE) AS INTEGER)",
        "datediff(" + end.name + ", " + start.name + ")", end, start);
  }

  private static Column datePart(String part, String spark, Column c) {
    return call("CAST(" + part + "(" + c.sql + ") AS INTEGER)", spark + "(" + c.name + ")", c);
  }

  public static Column year(Column c) { return datePart("year", "year", c); }
  public static Column month(Column c) { return datePart("month", "month", c); }
  public static Column dayofmonth(Column c) { return datePart("day", "dayofmonth", c); }
  public static Column dayofweek(Column c) {
    // Spark: 1 = Sunday .. 7 = Saturday; DuckDB's dayofweek is 0 = Sunday
    return call("CAST(dayofweek(" + c.sql + ") + 1 AS INTEGER)", "dayofweek(" + c.name + ")", c);
  }
  public static Column dayofyear(Column c) { return datePart("dayofyear", "dayofyear", c); }
  public static Column hour(Column c) { return datePart("hour", "hour", c); }
  public static Column minute(Column c) { return datePart("minute", "minute", c); }
  public static Column second(Column c) { return datePart("second", "second", c); }

  public static Column current_date() { return new Column("current_date", "current_date()", false); }

  public static Column current_timestamp() {
    return new Column("CAST(current_timestamp AS TIMESTAMP)", "current_timestamp()", false);
  }

  // ---- arrays and structs ----------------------------------------------------------------------------------

  public static Column array(Column... cs) { return call("list_value(" + sqls(cs) + ")", "array(" + names(cs) + ")", cs); }

  public static Column array(String c, String... more) {
    return array(prepend(col(c), Arrays.stream(more).map(functions::col).toArray(Column[]::new)));
  }

  /** Elements of an array; Spark's type is {@code int}; a null array gives null (ANSI mode). */
  public static Column size(Column c) { return call("CAST(len(" + c.sql + ") AS INTEGER)", "size(" + c.name + ")", c); }

  /** Sorted ascending with nulls first, as Spark's {@code sort_array}. */
  public static Column sort_array(Column c) {
    return call("list_sort(" + c.sql + ", 'ASC', 'NULLS FIRST')", "sort_array(" + c.name + ", true)", c);
  }

  public static Column sort_array(Column c, boolean asc) {
    return call(asc ? "list_sort(" + c.sql + ", 'ASC', 'NULLS FIRST')" : "list_sort(" + c.sql + ", 'DESC', 'NULLS LAST')",
        "sort_array(" + c.name + ", " + asc + ")", c);
  }

  public static Column array_contains(Column c, Object value) {
    Column v = Column.lit(value);
    return call("list_contains(" + c.sql + ", " + v.sql + ")", "array_contains(" + c.name + ", " + v.name + ")", c);
  }

  /** One output row per element (a select-list generator, as in Spark); null and empty arrays give no row. */
  public static Column explode(Column c) { return call("unnest(" + c.sql + ")", "col", c); }

  /** A struct of the given columns, fields named after them. */
  public static Column struct(Column... cs) {
    String fields = Arrays.stream(cs).map(c -> Column.quote(c.name) + " := " + c.sql).collect(Collectors.joining(", "));
    return call("struct_pack(" + fields + ")", "struct(" + names(cs) + ")", cs);
  }

  public static Column struct(String c, String... more) {
    return struct(prepend(col(c), Arrays.stream(more).map(functions::col).toArray(Column[]::new)));
  }

  // ---- window functions ------------------------------------------------------------------------------------

  public static Column row_number() { return new Column("row_number()", "row_number()", false, "INTEGER"); }
  public static Column rank() { return new Column("rank()", "RANK()", false, "INTEGER"); }
  public static Column dense_rank() { return new Column("dense_rank()", "DENSE_RANK()", false, "INTEGER"); }
  public static Column percent_rank() { return new Column("percent_rank()", "PERCENT_RANK()", false); }
  public static Column ntile(int n) { return new Column("ntile(" + n + ")", "ntile(" + n + ")", false, "INTEGER"); }

  public static Column lag(Column c, int offset) {
    return new Column("lag(" + c.sql + ", " + offset + ")", "lag(" + c.name + ", " + offset + ", NULL)", false);
  }

  public static Column lag(String c, int offset) { return lag(col(c), offset); }

  public static Column lag(Column c, int offset, Object defaultValue) {
    Column d = Column.lit(defaultValue);
    return new Column("lag(" + c.sql + ", " + offset + ", " + d.sql + ")", "lag(" + c.name + ", " + offset + ", " + d.name + ")", false);
  }

  public static Column lag(String c, int offset, Object defaultValue) { return lag(col(c), offset, defaultValue); }

  public static Column lead(Column c, int offset) {
    return new Column("lead(" + c.sql + ", " + offset + ")", "lead(" + c.name + ", " + offset + ", NULL)", false);
  }

  public static Column lead(String c, int offset) { return lead(col(c), offset); }

  public static Column lead(Column c, int offset, Object defaultValue) {
    Column d = Column.lit(defaultValue);
    return new Column("lead(" + c.sql + ", " + offset + ", " + d.sql + ")", "lead(" + c.name + ", " + offset + ", " + d.name + ")", false);
  }

  public static Column lead(String c, int offset, Object defaultValue) { return lead(col(c), offset, defaultValue); }

  // ---- more strings, dates, arrays and maths (second batch) ------------------------------------------------

  /** Left-pads (or truncates) to {@code len} characters, as Spark's {@code lpad}. */
  public static Column lpad(Column c, int len, String pad) {
    return call("lpad(" + c.sql + ", " + len + ", " + Column.lit(pad).sql + ")", "lpad(" + c.name + ", " + len + ", " + pad + ")", c);
  }

  public static Column rpad(Column c, int len, String pad) {
    return call("rpad(" + c.sql + ", " + len + ", " + Column.lit(pad).sql + ")", "rpad(" + c.name + ", " + len + ", " + pad + ")", c);
  }

  /** First letter of each space-separated word upper case, the rest lower case, as Spark's {@code initcap}. */
  public static Column initcap(Column c) {
    return call("array_to_string(list_transform(string_split(" + c.sql + ", ' '), w -> upper(w[1:1]) || lower(w[2:])), ' ')",
        "initcap(" + c.name + ")", c);
  }

  public static Column reverse(Column c) { return call("reverse(" + c.sql + ")", "reverse(" + c.name + ")", c); }

  public static Column repeat(Column c, int n) {
    return call("repeat(" + c.sql + ", " + n + ")", "repeat(" + c.name + ", " + n + ")", c);
  }

  /** 1-based position of {@code substring} in the string, 0 if absent; Spark's type is {@code int}. */
  public static Column instr(Column c, String substring) {
    return call("CAST(instr(" + c.sql + ", " + Column.lit(substring).sql + ") AS INTEGER)", "instr(" + c.name + ", " + substring + ")", c);
  }

  public static Column locate(String substr, Column c) {
    return call("CAST(instr(" + c.sql + ", " + Column.lit(substr).sql + ") AS INTEGER)", "locate(" + substr + ", " + c.name + ", 1)", c);
  }

  public static Column translate(Column c, String matching, String replace) {
    return call("translate(" + c.sql + ", " + Column.lit(matching).sql + ", " + Column.lit(replace).sql + ")",
        "translate(" + c.name + ", " + matching + ", " + replace + ")", c);
  }

  public static Column nvl(Column c, Column other) { return call("coalesce(" + c.sql + ", " + other.sql + ")", "nvl(" + c.name + ", " + other.name + ")", c, other); }
  public static Column ifnull(Column c, Column other) { return call("coalesce(" + c.sql + ", " + other.sql + ")", "ifnull(" + c.name + ", " + other.name + ")", c, other); }

  /** Adds months, clamping to the month's last day (2024-01-31 plus one month is 2024-02-29), as Spark does. */
  public static Column add_months(Column start, int months) {
    return call("CAST(CAST(" + start.sql + " AS DATE) + INTERVAL (" + months + ") MONTH AS DATE)",
        "add_months(" + start.name + ", " + months + ")", start);
  }

  public static Column last_day(Column c) { return call("last_day(CAST(" + c.sql + " AS DATE))", "last_day(" + c.name + ")", c); }

  private static String truncUnit(String format) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "year": case "yyyy": case "yy": return "year";
      case "quarter": return "quarter";
      case "month": case "mon": case "mm": return "month";
      case "week": return "week";
      case "day": case "dd": return "day";
      case "hour": return "hour";
      case "minute": return "minute";
      case "second": return "second";
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unsupported truncation unit '%s': use year, quarter, month, week, day, hour, minute or second", format));
    }
  }

  /** A timestamp truncated to the unit (Spark's {@code date_trunc(format, ts)}); the result is a timestamp. */
  public static Column date_trunc(String format, Column c) {
    return call("CAST(date_trunc('" + truncUnit(format) + "', CAST(" + c.sql + " AS TIMESTAMP)) AS TIMESTAMP)",
        "date_trunc(" + format + ", " + c.name + ")", c);
  }

  /** A date truncated to year, quarter, month or week (Spark's {@code trunc(date, format)}); the result is a date. */
  public static Column trunc(Column c, String format) {
    return call("CAST(date_trunc('" + truncUnit(format) + "', CAST(" + c.sql + " AS DATE)) AS DATE)",
        "trunc(" + c.name + ", " + format + ")", c);
  }

  /**
   * Element at a 1-based index (negative counts from the end); an index past the end fails with Spark's ANSI
   * error {@code INVALID_ARRAY_INDEX_IN_ELEMENT_AT}, index 0 with {@code INVALID_INDEX_OF_ZERO}.
   */
  public static Column element_at(Column c, int index) {
    String check = index == 0 ? SparkErrors.raise("INVALID_INDEX_OF_ZERO", "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).")
        : SparkErrors.raise("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "The index " + index + " is out of bounds. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead.");
    return call("(CASE WHEN " + c.sql + " IS NULL THEN NULL WHEN " + (index == 0 ? "true" : "len(" + c.sql + ") < " + Math.abs((long) index))
        + " THEN " + check + " ELSE " + c.sql + "[" + index + "] END)", "element_at(" + c.name + ", " + index + ")", c);
  }

  /** Elements joined with a separator, nulls skipped, as Spark's {@code array_join(arr, sep)}. */
  public static Column array_join(Column c, String delimiter) {
    return call("array_to_string(" + c.sql + ", " + Column.lit(delimiter).sql + ")", "array_join(" + c.name + ", " + delimiter + ")", c);
  }

  /** Counted exactly (a valid result for Spark's approximation, which is exact on small inputs too). */
  public static Column approx_count_distinct(Column c) {
    return new Column("count(DISTINCT " + c.sql + ")", "approx_count_distinct(" + c.name + ")", true);
  }

  public static Column approx_count_distinct(String c) { return approx_count_distinct(col(c)); }

  public static Column sum_distinct(Column c) {
    return new Column("sum(DISTINCT " + c.sql + ")", "sum(DISTINCT " + c.name + ")", true);
  }

  /** 0, 1, 2, ... in the frame's current order (Spark's ids are only increasing; on one partition they are these). */
  public static Column monotonically_increasing_id() {
    return new Column("(row_number() OVER () - 1)", "monotonically_increasing_id()", false);
  }

  public static Column pow(Column c, double p) { return call("pow(" + c.sql + ", " + p + ")", "POWER(" + c.name + ", " + p + ")", c); }
  public static Column exp(Column c) { return call("exp(" + c.sql + ")", "EXP(" + c.name + ")", c); }
  /** Natural logarithm, as Spark's {@code log} (DuckDB's {@code log} is base 10). */
  public static Column log(Column c) { return call("ln(" + c.sql + ")", "ln(" + c.name + ")", c); }
  public static Column log10(Column c) { return call("log10(" + c.sql + ")", "LOG10(" + c.name + ")", c); }

  public static Column signum(Column c) {
    return call("CAST(sign(" + c.sql + ") AS DOUBLE)", "SIGNUM(" + c.name + ")", c);
  }

  // ---- ordering --------------------------------------------------------------------------------------------

  public static Column asc(String c) { return col(c).asc(); }
  public static Column desc(String c) { return col(c).desc(); }
  public static Column asc_nulls_last(String c) { return col(c).asc_nulls_last(); }
  public static Column desc_nulls_first(String c) { return col(c).desc_nulls_first(); }

  private static Column[] prepend(Column first, Column[] rest) {
    Column[] all = new Column[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Java {@code DateTimeFormatter}-style patterns (as Spark takes them) to DuckDB's strftime codes. */
  static final class DateFormats {
    private DateFormats() {}

    static String toStrftime(String pattern) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < pattern.length()) {
        char ch = pattern.charAt(i);
        if (ch == '\'') {
          int end = pattern.indexOf('\'', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Date pattern %s has an unclosed quote at position %d: close it, e.g. 'T'", pattern, i));
          }
          out.append(end == i + 1 ? "'" : pattern.substring(i + 1, end).replace("%", "%%"));
          i = end + 1;
          continue;
        }
        int run = 1;
        while (i + run < pattern.length() && pattern.charAt(i + run) == ch) {
          run++;
        }
        out.append(code(ch, run, pattern));
        i += run;
      }
      return out.toString();
    }

    private static String code(char ch, int run, String pattern) {
      switch (ch) {
        case 'y': case 'u': return run == 2 ? "%y" : "%Y";
        case 'M': case 'L': return run >= 4 ? "%B" : run == 3 ? "%b" : run == 2 ? "%m" : "%-m";
        case 'd': return run == 2 ? "%d" : "%-d";
        case 'D': return "%j";
        case 'H': return run == 2 ? "%H" : "%-H";
        case 'h': return run == 2 ? "%I" : "%-I";
        case 'm': return run == 2 ? "%M" : "%-M";
        case 's': return run == 2 ? "%S" : "%-S";
        case 'S': return run <= 3 ? "%g" : "%f";
        case 'a': return "%p";
        case 'E': return run >= 4 ? "%A" : "%a";
        case 'z': return "%Z";
        case 'Z': case 'X': case 'x': return "%z";
        default:
          if (Character.isLetter(ch)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "Date pattern letter '%c' in %s is not supported by mockspark: use y, M, d, D, H, h, m, s, S, a, E, z, Z",
                ch, pattern));
          }
          return String.valueOf(ch).repeat(run).replace("%", "%%");
      }
    }
  }
}
