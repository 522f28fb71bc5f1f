package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogTest {
  private final SparkSession spark = SparkSession.builder().getOrCreate().newSession();

  @AfterEach
  void stop() {
    spark.stop();
  }

  @Test
  void reportsSchemasTablesAndViews() {
    assertFalse(spark.catalog().databaseExists("sales"));
    spark.sql("CREATE SCHEMA sales");
    assertTrue(spark.catalog().databaseExists("sales"));
    assertFalse(spark.catalog().tableExists("sales.orders"));
    spark.range(2).write().saveAsTable("sales.orders");
    assertTrue(spark.catalog().tableExists("sales", "orders"));
    assertEquals("default", spark.catalog().currentDatabase());
    spark.range(1).createOrReplaceTempView("v");
    assertTrue(spark.catalog().dropTempView("v"));
    assertFalse(spark.catalog().tableExists("v"));
  }

  @Test
  void dropDuplicatesKeepsOneRowPerKey() {
    assertEquals(3L, spark.range(9).withColumn("k", functions.col("id").mod(3)).dropDuplicates("k").count());
  }
}
