package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.year;

import java.util.List;

/** Dates and timestamps (session time zone UTC, java8 datetime API). */
final class DatePrograms {
  private DatePrograms() {}

  static void register(List<Case> all) {
    add(all, "date.toDate", s -> Data.events(s).select(col("id"), to_date(col("day")).alias("d")));
    add(all, "date.toDateFormat", s -> Data.events(s).select(col("id"),
        to_date(date_format(to_date(col("day")), "dd/MM/yyyy"), "dd/MM/yyyy").alias("d")));
    add(all, "date.toTimestamp", s -> Data.events(s).select(col("id"), to_timestamp(col("at")).alias("t")));
    add(all, "date.dateAdd", s -> Data.events(s).select(col("id"), date_add(to_date(col("day")), 1).alias("d")));
    add(all, "date.dateSub", s -> Data.events(s).select(col("id"), date_sub(to_date(col("day")), 31).alias("d")));
    add(all, "date.datediff", s -> Data.events(s).select(col("id"),
        datediff(to_date(col("day")), to_date(lit("2024-01-01"))).alias("days")));
    add(all, "date.yearMonthDay", s -> Data.events(s).select(col("id"), year(to_date(col("day"))).alias("y"),
        month(to_date(col("day"))).alias("m"), dayofmonth(to_date(col("day"))).alias("dd")));
    add(all, "date.hour", s -> Data.events(s).select(col("id"), hour(to_timestamp(col("at"))).alias("h")));
    add(all, "date.dateFormat", s -> Data.events(s).select(col("id"), date_format(to_date(col("day")), "yyyy/MM").alias("f")));
    add(all, "date.dateFormatTimestamp", s -> Data.events(s).select(col("id"),
        date_format(to_timestamp(col("at")), "yyyy-MM-dd HH:mm").alias("f")));
    add(all, "date.filterOnDate", s -> Data.events(s).filter(to_date(col("day")).geq(lit("2024-01-01").cast("date"))));
    add(all, "date.orderByDate", s -> Data.events(s).select(col("id"), to_date(col("day")).alias("d"))
        .orderBy(col("d").asc_nulls_last())).ordered();
    add(all, "date.castStringToDate", s -> Data.events(s).select(col("id"), col("day").cast("date").alias("d")));
    add(all, "date.castDateToString", s -> Data.events(s).select(col("id"), to_date(col("day")).cast("string").alias("d")));
    add(all, "date.castTimestampToDate", s -> Data.events(s).select(col("id"), to_timestamp(col("at")).cast("date").alias("d")));
  }
}
