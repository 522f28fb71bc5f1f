package dev.confine.mockspark.sql;

import static dev.confine.mockspark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.expressions.Window;
import dev.confine.mockspark.sql.expressions.WindowSpec;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WindowTest {
  private final SparkSession spark = SparkSession.builder().getOrCreate().newSession();

  @AfterEach
  void stop() {
    spark.stop();
  }

  @Test
  void rowNumberAndLagPerPartition() {
    Dataset<Row> df = spark.range(6).withColumn("k", col("id").mod(2));
    WindowSpec w = Window.partitionBy("k").orderBy(col("id").desc());
    List<Row> rows = df.withColumn("rn", functions.row_number().over(w))
        .withColumn("prev", functions.lag(col("id"), 1).over(w)).orderBy("id").collectAsList();
    // k=0: ids 4,2,0 get rn 1,2,3; k=1: 5,3,1
    assertEquals(3L, ((Number) rows.get(0).get(2)).longValue());
    assertEquals(1L, ((Number) rows.get(5).get(2)).longValue());
    assertTrue(rows.get(5).isNullAt(3), "first row of its window has no previous row");
    assertEquals(4L, ((Number) rows.get(2).get(3)).longValue());
  }
}
