package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.initcap;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.locate;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.nvl;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.repeat;
import static org.apache.spark.sql.functions.reverse;
import static org.apache.spark.sql.functions.rpad;
import static org.apache.spark.sql.functions.signum;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.sum_distinct;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.dayofyear;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.minute;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.second;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.stddev;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Window;

/** Further API cases (engineer A): Dataset and functions the first programs did not reach. */
final class MoreApiPrograms {
  private MoreApiPrograms() {}

  static void register(List<Case> all) {
    add(all, "select.withColumnsMap", s -> {
      Map<String, Column> cols = new LinkedHashMap<>();
      cols.put("age", col("id"));
      cols.put("id", col("age"));
      cols.put("twice", col("id").multiply(2));
      return Data.people(s).select("id", "age").withColumns(cols);
    });
    add(all, "select.getItemOfArray", s -> Data.people(s).select(col("id"), split(col("name"), "l").getItem(0).alias("head")));
    add(all, "select.getFieldOfStruct", s -> Data.people(s).select(struct(col("id"), col("name")).getField("name").alias("n")));
    add(all, "select.floorCeil", s -> Data.people(s).select(col("id"), floor(col("salary")).alias("f"), ceil(col("salary")).alias("c")));
    add(all, "select.greatestLeast", s -> Data.people(s).select(col("id"), greatest(col("age"), col("id")).alias("g"),
        least(col("age"), col("salary")).alias("l")));
    add(all, "select.toDFNames", s -> Data.depts(s).toDF("d", "f"));
    add(all, "agg.aggMap", s -> Data.people(s).groupBy("dept").agg(Map.of("salary", "max")));
    add(all, "agg.collectSetSorted", s -> Data.people(s).agg(sort_array(collect_set("dept")).alias("depts")));
    add(all, "agg.stddevRounded", s -> Data.sales(s).groupBy("region").agg(round(stddev("amount"), 6).alias("sd")));
    add(all, "set.intersectAll", s -> Data.people(s).select("age").union(Data.people(s).select("age"))
        .intersectAll(Data.people(s).select("age").union(Data.people(s).select("age").filter(col("age").equalTo(28)))));
    add(all, "set.exceptAll", s -> Data.people(s).select("age").union(Data.people(s).select("age"))
        .exceptAll(Data.people(s).select("age")));
    add(all, "string.regexpExtract", s -> Data.people(s).select(col("id"), regexp_extract(col("name"), "([A-Z])([a-z]+)", 2).alias("rest"),
        regexp_extract(col("name"), "z+", 0).alias("none")));
    add(all, "string.sortArrayDescAndContains", s -> Data.words(s).select(col("id"),
        sort_array(split(col("text"), ","), false).alias("desc"), array_contains(split(col("text"), ","), "duck").alias("has")));
    add(all, "date.dayOfWeekAndYear", s -> Data.events(s).select(col("id"), dayofweek(to_date(col("day"))).alias("dow"),
        dayofyear(to_date(col("day"))).alias("doy")));
    add(all, "date.minuteSecond", s -> Data.events(s).select(col("id"), minute(to_timestamp(col("at"))).alias("mi"),
        second(to_timestamp(col("at"))).alias("se")));
    add(all, "date.toTimestampWithPattern", s -> Data.events(s).select(col("id"),
        to_timestamp(col("day"), "yyyy-MM-dd").alias("t")));
    add(all, "window.ntilePercentRank", s -> Data.sales(s).withColumn("nt", ntile(2).over(Window.partitionBy("region").orderBy("month")))
        .withColumn("pr", percent_rank().over(Window.partitionBy("region").orderBy("month"))));
    add(all, "null.naDropMinNonNulls", s -> Data.people(s).na().drop(5));
    add(all, "null.naFillBoolean", s -> Data.people(s).select(col("id"), col("age").gt(30).alias("b")).na().fill(true));
    add(all, "join.usingTwoColumns", s -> Data.people(s).select("id", "name", "age")
        .join(Data.people(s).select("id", "name", "dept"), new String[] {"id", "name"}, "left"));
    add(all, "order.descFunction", s -> Data.people(s).select("id", "dept").orderBy(desc("dept"), col("id"))).ordered();
    add(all, "cast.decimalToInt", s -> Data.people(s).select(col("id"), col("salary").cast("decimal(10,2)").cast("int").alias("i")));
    add(all, "string.padReverseRepeat", s -> Data.words(s).select(col("id"), lpad(col("text"), 6, "*").alias("l"),
        rpad(col("text"), 4, "ab").alias("r"), reverse(col("text")).alias("rev"), repeat(col("text"), 2).alias("rep")));
    add(all, "string.initcap", s -> Data.words(s).select(col("id"), initcap(col("text")).alias("i")));
    add(all, "string.instrLocateTranslate", s -> Data.people(s).select(col("id"), instr(col("name"), "a").alias("i"),
        locate("e", col("name")).alias("l"), translate(col("name"), "ae", "AE").alias("t")));
    add(all, "null.nvl", s -> Data.people(s).select(col("id"), nvl(col("dept"), lit("?")).alias("d")));
    add(all, "date.addMonthsLastDay", s -> Data.events(s).select(col("id"), add_months(to_date(col("day")), 1).alias("am"),
        last_day(to_date(col("day"))).alias("ld")));
    add(all, "date.truncations", s -> Data.events(s).select(col("id"), date_trunc("month", to_timestamp(col("at"))).alias("dt"),
        trunc(to_date(col("day")), "year").alias("ty")));
    add(all, "select.elementAtAndArrayJoin", s -> Data.words(s).filter(col("id").equalTo(2)).select(
        element_at(split(col("text"), ","), -1).alias("last"), array_join(split(col("text"), ","), "|").alias("j")));
    add(all, "select.elementAtPastEndAnsiError", s -> Data.words(s).select(element_at(split(col("text"), ","), 9)))
        .error("INVALID_ARRAY_INDEX_IN_ELEMENT_AT");
    add(all, "select.mathFunctions", s -> Data.people(s).select(col("id"), round(pow(col("id"), 2.0), 6).alias("p"),
        round(exp(lit(1.0)), 6).alias("e"), round(log(col("salary")), 6).alias("l"), signum(col("id").minus(3)).alias("s")));
    add(all, "agg.sumDistinct", s -> Data.sales(s).groupBy("region").agg(sum_distinct(col("amount")).alias("sd")));
    add(all, "agg.pivotSum", s -> Data.sales(s).groupBy("region").pivot("month").sum("amount"));
    add(all, "agg.pivotCountMissingIsNull", s -> Data.people(s).groupBy("dept").pivot("age").count());
    add(all, "agg.pivotTwoAggregates", s -> Data.sales(s).groupBy("region").pivot("month", List.of(1, 2))
        .agg(sum("amount").alias("s"), max("amount").alias("m")));
    add(all, "agg.sumAllNumericColumns", s -> Data.sales(s).groupBy("region").sum());
    add(all, "select.arrayOfLiterals", s -> Data.people(s).select(col("id"), array(lit(1), col("id")).alias("a")));
    add(all, "create.datasetOfStrings", s -> s.createDataset(List.of("b", "a", "c"), Encoders.STRING()).toDF());
    add(all, "create.beanEncoderRoundTrip", s -> s.createDataset(List.of(new CreateSelectPrograms.Person("Ann", 30, 1.5),
        new CreateSelectPrograms.Person("Ben", 40, null)), Encoders.bean(CreateSelectPrograms.Person.class)).collectAsList().stream()
        .map(p -> p.getName() + ":" + p.getAge() + ":" + p.getScore()).sorted().toList());
    add(all, "create.asBeanThenFilter", s -> {
      Dataset<CreateSelectPrograms.Person> people = Data.people(s).select(col("name"), col("age"), col("salary").alias("score"))
          .as(Encoders.bean(CreateSelectPrograms.Person.class)).filter(col("age").gt(30)).orderBy(col("age"));
      return people.collectAsList().stream().map(p -> p.getName() + ":" + p.getAge() + ":" + p.getScore()).toList();
    });
    add(all, "create.asStringEncoder", s -> Data.people(s).select("name").as(Encoders.STRING()).collectAsList().stream().sorted().toList());
    add(all, "action.describeAll", s -> Data.people(s).describe());
    add(all, "action.describeColumns", s -> Data.sales(s).describe("amount", "region"));
    add(all, "cast.litDoubleIsDouble", s -> Data.people(s).select(col("id"), lit(2.5).alias("d"), col("id").plus(0.5).alias("p")));
  }
}
