package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;

/** Casts between strings, numbers, booleans and dates; Spark 4 runs with ANSI mode on. */
final class CastPrograms {
  private CastPrograms() {}

  static void register(List<Case> all) {
    add(all, "cast.intToString", s -> Data.people(s).select(col("id").cast("string").alias("s")));
    add(all, "cast.stringToInt", s -> Data.people(s).select(lit("42").cast("int").alias("i"), col("id")));
    add(all, "cast.stringToDouble", s -> Data.people(s).select(col("id"), lit("2.5").cast(DataTypes.DoubleType).alias("d")));
    add(all, "cast.doubleToInt", s -> Data.people(s).select(col("id"), col("salary").cast("int").alias("i")));
    add(all, "cast.doubleToLong", s -> Data.people(s).select(col("id"), col("salary").cast(DataTypes.LongType).alias("l")));
    add(all, "cast.intToDouble", s -> Data.people(s).select(col("id"), col("age").cast("double").alias("d")));
    add(all, "cast.intToBoolean", s -> Data.people(s).select(col("id"), col("id").minus(1).cast("boolean").alias("b")));
    add(all, "cast.booleanToInt", s -> Data.people(s).select(col("id"), col("age").gt(30).cast("int").alias("i")));
    add(all, "cast.stringToDateCol", s -> Data.events(s).select(col("id"), col("day").cast(DataTypes.DateType).alias("d")));
    add(all, "cast.invalidStringToIntAnsiError", s -> Data.words(s).select(col("text").cast("int")))
        .error("CAST_INVALID_INPUT");
    add(all, "cast.tryCastInvalidIsNull", s -> Data.words(s).select(col("id"), expr("try_cast(text AS INT)").alias("i")));
    add(all, "cast.invalidDateAnsiError", s -> Data.words(s).filter(col("id").equalTo(3)).select(col("text").cast("date")))
        .error("CAST_INVALID_INPUT");
    add(all, "cast.longToInt", s -> Data.sales(s).select(col("amount").cast("int").alias("a")));
    add(all, "cast.decimal", s -> Data.people(s).select(col("id"), col("salary").cast("decimal(10,2)").alias("dec")));
  }
}
