package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Window functions over Window.partitionBy(..).orderBy(..) and frames. */
final class WindowPrograms {
  private WindowPrograms() {}

  private static WindowSpec byRegionMonth() {
    return Window.partitionBy("region").orderBy(col("month"));
  }

  static void register(List<Case> all) {
    add(all, "window.rowNumber", s -> Data.sales(s).withColumn("rn", row_number().over(byRegionMonth())));
    add(all, "window.rankTies", s -> Data.sales(s).withColumn("r",
        rank().over(Window.partitionBy("region").orderBy(col("amount").desc()))));
    add(all, "window.denseRankTies", s -> Data.sales(s).withColumn("dr",
        dense_rank().over(Window.partitionBy("region").orderBy(col("amount").desc()))));
    add(all, "window.lag", s -> Data.sales(s).withColumn("prev", lag("amount", 1).over(byRegionMonth())));
    add(all, "window.lead", s -> Data.sales(s).withColumn("next", lead(col("amount"), 1).over(byRegionMonth())));
    add(all, "window.lagDefault", s -> Data.sales(s).withColumn("prev", lag(col("amount"), 2, 0L).over(byRegionMonth())));
    add(all, "window.runningSumDefaultFrame", s -> Data.sales(s).withColumn("running", sum("amount").over(byRegionMonth())));
    add(all, "window.runningSumRowsBetween", s -> Data.sales(s).withColumn("running", sum("amount")
        .over(byRegionMonth().rowsBetween(Window.unboundedPreceding(), Window.currentRow()))));
    add(all, "window.movingAvgRows", s -> Data.sales(s).withColumn("mavg", avg("amount")
        .over(byRegionMonth().rowsBetween(-1, 1))));
    add(all, "window.rangeBetween", s -> Data.sales(s).withColumn("r", sum("amount")
        .over(byRegionMonth().rangeBetween(-1, 0))));
    add(all, "window.partitionTotal", s -> Data.sales(s).withColumn("total", sum("amount").over(Window.partitionBy("region"))));
    add(all, "window.wholeFrameUnbounded", s -> Data.sales(s).withColumn("mx", max("amount")
        .over(byRegionMonth().rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing()))));
    add(all, "window.countOverPartition", s -> Data.people(s).withColumn("n", count("*").over(Window.partitionBy("dept"))));
    add(all, "window.topPerGroup", s -> Data.sales(s)
        .withColumn("rn", row_number().over(Window.partitionBy("region").orderBy(col("amount").desc(), col("month"))))
        .filter(col("rn").equalTo(1)).drop("rn"));
    add(all, "window.rowNumberNoPartition", s -> Data.people(s).withColumn("rn", row_number().over(Window.orderBy(col("id")))));
  }
}
