package dev.confine.mockspark.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real Spark starts in this JVM with the module's test flags and runs a filter. */
class SparkSmokeTest {
  @Test
  @Timeout(120)
  void realSpark_local1_filtersRows() {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("smoke")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1").getOrCreate();
    try {
      StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
      Dataset<Row> df = spark.createDataFrame(
          List.of(RowFactory.create(1, "a"), RowFactory.create(2, "b"), RowFactory.create(3, "c")), schema);
      assertEquals(2L, df.filter(df.col("id").gt(1)).count());
    } finally {
      spark.stop();
    }
  }
}
