package dev.confine.mockspark.sql;

import static dev.confine.mockspark.sql.functions.col;
import static dev.confine.mockspark.sql.functions.lit;
import static dev.confine.mockspark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DatasetEndToEndTest {
  private SparkSession spark;
  private Dataset<Row> people;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().appName("t").master("local[1]").getOrCreate().newSession();
    StructType schema = new StructType().add("name", DataTypes.StringType).add("dept", DataTypes.StringType)
        .add("salary", DataTypes.IntegerType);
    people = spark.createDataFrame(List.of(
        RowFactory.create("ann", "eng", 100), RowFactory.create("bob", "eng", 80),
        RowFactory.create("cy", "ops", 50), RowFactory.create("dee", null, null)), schema);
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  @Test
  void selectFilterWithColumnOrderBy() {
    List<Row> rows = people.filter(col("salary").gt(60)).withColumn("bonus", col("salary").multiply(2))
        .select(col("name"), col("bonus")).orderBy(col("bonus").desc()).collectAsList();
    assertEquals(2, rows.size());
    assertEquals("ann", rows.get(0).getString(0));
    assertEquals(200, rows.get(0).getInt(1));
    assertEquals(160, rows.get(1).<Integer>getAs("bonus"));
    assertArrayEquals(new String[] {"name", "bonus"}, rows.get(0).schema().fieldNames());
  }

  @Test
  void groupByAggNamesColumnsLikeSpark() {
    Dataset<Row> agg = people.groupBy("dept").agg(sum("salary")).orderBy("dept");
    assertArrayEquals(new String[] {"dept", "sum(salary)"}, agg.columns());
    List<Row> rows = agg.collectAsList();
    assertTrue(rows.get(0).isNullAt(0), "Spark sorts nulls first ascending");
    assertEquals(180L, rows.get(1).getLong(1));
    assertEquals(3L, people.groupBy("dept").count().count());
  }

  @Test
  void joinsByConditionAndByName() {
    Dataset<Row> depts = spark.createDataFrame(List.of(RowFactory.create("eng", "Engineering")),
        new StructType().add("dept", DataTypes.StringType).add("title", DataTypes.StringType));
    assertEquals(2L, people.join(depts, people.col("dept").equalTo(depts.col("dept"))).count());
    assertEquals(4L, people.join(depts, people.col("dept").equalTo(depts.col("dept")), "left").count());
    assertEquals(2L, people.join(depts, "dept").count());
    assertEquals(2L, people.join(depts, people.col("dept").equalTo(depts.col("dept")), "left_anti").count());
  }

  @Test
  void missingColumnAndTableRaiseSparkErrorClasses() {
    AnalysisException col = assertThrows(AnalysisException.class, () -> people.select(col("salry")));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", col.getErrorClass());
    assertTrue(col.getMessage().contains("salary"), col.getMessage());
    assertEquals("TABLE_OR_VIEW_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> spark.table("nope")).getErrorClass());
    // as in Spark: reading from a missing schema is a missing table, creating in one is a missing schema
    assertEquals("TABLE_OR_VIEW_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> spark.table("nos.t")).getErrorClass());
    assertEquals("SCHEMA_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> spark.sql("CREATE TABLE nos.t (x INT)")).getErrorClass());
    spark.sql("CREATE TABLE t (x INT)");
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS",
        assertThrows(AnalysisException.class, () -> spark.sql("CREATE TABLE t (x INT)")).getErrorClass());
  }

  @Test
  void sqlRunsAndLiteralsAndNullsRoundTrip() {
    people.createOrReplaceTempView("people");
    Row r = spark.sql("SELECT count(*) AS n, max(salary) AS m FROM people").first();
    assertEquals(4L, r.getLong(0));
    assertEquals(100, r.getInt(1));
    assertEquals(1L, people.filter(col("salary").isNull()).count());
    assertEquals("x", people.select(lit("x").alias("c")).first().getString(0));
    assertTrue(people.explainString().contains("SELECT"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aTableCreatedOnOneThreadIsVisibleOnAnother() throws Exception {
    CompletableFuture.runAsync(() -> spark.sql("CREATE TABLE shared AS SELECT 42 AS v")).get(30, TimeUnit.SECONDS);
    long seen = CompletableFuture.supplyAsync(() -> spark.table("shared").first().getInt(0)).get(30, TimeUnit.SECONDS);
    assertEquals(42, seen);
  }

  @Test
  void twoSessionsDoNotSeeEachOther() {
    spark.sql("CREATE TABLE mine AS SELECT 1 AS v");
    try (SparkSession other = spark.newSession()) {
      assertEquals("TABLE_OR_VIEW_NOT_FOUND",
          assertThrows(AnalysisException.class, () -> other.table("mine")).getErrorClass());
    }
  }
}
