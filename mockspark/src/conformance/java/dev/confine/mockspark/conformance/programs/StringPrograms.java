package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.rtrim;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

import java.util.List;

/** String functions, including empty strings and nulls. */
final class StringPrograms {
  private StringPrograms() {}

  static void register(List<Case> all) {
    add(all, "string.upperLower", s -> Data.words(s).select(col("id"), upper(col("text")).alias("u"), lower(col("text")).alias("l")));
    add(all, "string.trim", s -> Data.words(s).select(col("id"), trim(col("text")).alias("t")));
    add(all, "string.ltrimRtrim", s -> Data.words(s).select(col("id"), ltrim(col("text")).alias("l"), rtrim(col("text")).alias("r")));
    add(all, "string.length", s -> Data.words(s).select(col("id"), length(col("text")).alias("n")));
    add(all, "string.substring", s -> Data.words(s).select(col("id"), substring(col("text"), 3, 4).alias("sub")));
    add(all, "string.substringColumnMethod", s -> Data.words(s).select(col("id"), col("text").substr(1, 2).alias("sub")));
    add(all, "string.concat", s -> Data.people(s).select(col("id"), concat(col("name"), lit("-"), col("dept")).alias("c")));
    add(all, "string.concatWs", s -> Data.people(s).select(col("id"), concat_ws("/", col("name"), col("dept")).alias("c")));
    add(all, "string.regexpReplace", s -> Data.words(s).select(col("id"), regexp_replace(col("text"), "[0-9]+", "#").alias("r")));
    add(all, "string.regexpReplaceGroups", s -> Data.people(s).select(col("id"), regexp_replace(col("name"), "([aeiou])", "<$1>").alias("r")));
    add(all, "string.split", s -> Data.words(s).filter(col("id").equalTo(2)).select(split(col("text"), ",").alias("parts")));
    add(all, "string.splitAll", s -> Data.words(s).select(col("id"), split(col("text"), ",").alias("parts")));
    add(all, "string.like", s -> Data.words(s).select(col("id"), col("text").like("%a%").alias("has_a")));
    add(all, "string.likeUnderscore", s -> Data.people(s).filter(col("name").like("_o%")));
    add(all, "string.concatNumbers", s -> Data.people(s).select(col("id"), concat(col("name"), col("age").cast("string")).alias("c")));
  }
}
