package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;

import java.util.List;

/** groupBy + agg and whole-frame aggregates. */
final class AggregatePrograms {
  private AggregatePrograms() {}

  static void register(List<Case> all) {
    add(all, "agg.groupByCount", s -> Data.people(s).groupBy("dept").count());
    add(all, "agg.groupBySum", s -> Data.people(s).groupBy(col("dept")).agg(sum("salary")));
    add(all, "agg.groupByAvgAliased", s -> Data.people(s).groupBy("dept").agg(avg("age").alias("avg_age")));
    add(all, "agg.groupByMinMax", s -> Data.people(s).groupBy("dept").agg(min("age"), max("salary")));
    add(all, "agg.groupByManyAggs", s -> Data.people(s).groupBy("dept").agg(
        count("*").alias("n"), count("age").alias("n_age"), sum("age").alias("sum_age"),
        round(avg("salary"), 2).alias("avg_sal")));
    add(all, "agg.countDistinct", s -> Data.people(s).agg(countDistinct("age").alias("ages")));
    add(all, "agg.countDistinctGrouped", s -> Data.people(s).groupBy("dept").agg(countDistinct(col("age")).alias("ages")));
    add(all, "agg.collectListSorted", s -> Data.people(s).groupBy("dept")
        .agg(sort_array(collect_list("name")).alias("names")));
    add(all, "agg.wholeFrame", s -> Data.people(s).agg(sum("salary"), min("name"), max("age"), count(lit(1))));
    add(all, "agg.groupByTwoColumns", s -> Data.sales(s).withColumn("half", col("month").leq(2))
        .groupBy("region", "half").agg(sum("amount").alias("total")));
    add(all, "agg.sumOfLongsIsBigint", s -> Data.sales(s).groupBy("region").sum("amount"));
    add(all, "agg.avgShortcut", s -> Data.sales(s).groupBy("region").avg("amount"));
    add(all, "agg.maxMinShortcut", s -> Data.sales(s).groupBy("region").max("amount"));
    add(all, "agg.filterAfterAgg", s -> Data.people(s).groupBy("dept").agg(count("*").alias("n")).filter(col("n").gt(1)));
    add(all, "agg.orderedByAgg", s -> Data.sales(s).groupBy("region").agg(sum("amount").alias("t"))
        .orderBy(col("t").desc())).ordered();
    add(all, "agg.firstIgnoreNulls", s -> Data.people(s).orderBy("id").groupBy("dept")
        .agg(min("id").alias("min_id"), first("name", true).alias("any_name")).select("dept", "min_id"));
    add(all, "agg.emptyInputWholeFrame", s -> Data.people(s).filter(col("id").gt(99)).agg(count("*"), sum("age")));
    add(all, "agg.emptyInputGrouped", s -> Data.people(s).filter(col("id").gt(99)).groupBy("dept").count());
    add(all, "agg.sumDoubleRounded", s -> Data.people(s).agg(round(sum("salary"), 3).alias("s")));
  }
}
