package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataFrameWriterTest {
  private final SparkSession spark = SparkSession.builder().getOrCreate().newSession();

  @AfterEach
  void stop() {
    spark.stop();
  }

  @Test
  void modesBehaveLikeSpark() {
    Dataset<Row> three = spark.range(3);
    three.write().saveAsTable("t");
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS",
        assertThrows(AnalysisException.class, () -> three.write().saveAsTable("t")).getErrorClass());
    three.write().mode(SaveMode.Append).saveAsTable("t");
    assertEquals(6L, spark.table("t").count());
    three.write().mode("ignore").saveAsTable("t");
    assertEquals(6L, spark.table("t").count());
    spark.range(1).write().mode(SaveMode.Overwrite).saveAsTable("t");
    assertEquals(1L, spark.table("t").count());
    three.write().insertInto("t");
    assertEquals(4L, spark.table("t").count());
    assertEquals("TABLE_OR_VIEW_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> three.write().insertInto("missing")).getErrorClass());
    assertThrows(IllegalArgumentException.class, () -> three.write().mode("sometimes"));
  }
}
