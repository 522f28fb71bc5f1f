package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** spark.sql with Spark-only syntax, run for real on DuckDB; every value of every result is checked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SparkSqlTest {
  private SparkSession spark;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().getOrCreate().newSession();
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  private static List<List<Object>> values(Dataset<Row> d) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      out.add(row);
    }
    return out;
  }

  private String errorClass(Runnable r) {
    return assertThrows(AnalysisException.class, r::run).getErrorClass();
  }

  private String runtimeErrorClass(Runnable r) {
    return assertThrows(SparkRuntimeException.class, r::run).getCondition();
  }

  @Test
  void rangeInFromIsSparksTableValuedFunctionWithColumnId() {
    assertEquals(List.of(List.of(0L, 0L), List.of(1L, 2L), List.of(2L, 4L)),
        values(spark.sql("SELECT id, id * 2 AS d FROM range(3) ORDER BY id")));
    assertEquals(List.of(List.of(5L), List.of(8L)), values(spark.sql("SELECT r.id FROM range(2, 10, 3, 4) r WHERE r.id > 2 ORDER BY 1")));
    assertEquals(List.of(List.of(1L, 1L)),
        values(spark.sql("SELECT a.id, b.id FROM range(2) a JOIN range(1, 3) b ON a.id = b.id ORDER BY 1")));
    // in a FROM list, also after a join's ON condition
    assertEquals(List.of(List.of(1L, 1L)),
        values(spark.sql("SELECT a.id, b.id FROM range(2) a, range(1, 3) b WHERE a.id = b.id ORDER BY 1")));
    assertEquals(List.of(List.of(6L)),
        values(spark.sql("SELECT count(*) FROM range(2) a JOIN range(2) b ON a.id = b.id, range(3) c")));
    assertEquals("WRONG_NUM_ARGS", errorClass(() -> spark.sql("SELECT * FROM range(1, 2, 3, 4, 5)")));
    // in a subquery too
    assertEquals(List.of(List.of(3L)), values(spark.sql("SELECT count(*) FROM (SELECT * FROM range(3))")));
  }

  @Test
  void createDatabaseUseCreateTableUsingInsertValuesAndQuery() {
    spark.sql("CREATE DATABASE IF NOT EXISTS shop COMMENT 'test db' WITH DBPROPERTIES ('a' = 'b')");
    spark.sql("USE shop");
    spark.sql("CREATE TABLE `order lines` (id INT COMMENT 'key', name STRING, price DOUBLE) USING parquet "
        + "PARTITIONED BY (name) TBLPROPERTIES ('x' = 'y');");
    spark.sql("INSERT INTO `order lines` VALUES (1, 'pen', 2.50), (2, \"it\\'s\", 10), (3, NULL, NULL)");
    assertEquals(List.of(List.of(1, "pen", 2.5), List.of(2, "it's", 10.0)),
        values(spark.sql("SELECT * FROM shop.`order lines` WHERE price IS NOT NULL ORDER BY id")));
    assertEquals("shop", spark.catalog().currentDatabase());
    assertEquals(List.of(Arrays.asList("id", "int", null), Arrays.asList("name", "string", null),
        Arrays.asList("price", "double", null)), values(spark.sql("DESCRIBE TABLE `order lines`")));
    assertEquals(List.of(List.of("shop", "order lines", false)), values(spark.sql("SHOW TABLES")));
    assertEquals(List.of(List.of("default"), List.of("shop")), values(spark.sql("SHOW DATABASES")));
    assertEquals(List.of(List.of("shop")), values(spark.sql("SHOW DATABASES LIKE 'sh*'")));
  }

  @Test
  void currentDatabaseIsSessionWideAcrossThreads() throws Exception {
    spark.sql("CREATE DATABASE d1");
    spark.sql("USE d1");
    // another thread (its own DuckDB connection) creates an unqualified table: it must land in d1
    CompletableFuture.runAsync(() -> spark.sql("CREATE TABLE made_elsewhere AS SELECT 7 AS v"))
        .get(30, TimeUnit.SECONDS);
    assertEquals(List.of(List.of(7)), values(spark.sql("SELECT v FROM d1.made_elsewhere")));
    assertTrue(spark.catalog().tableExists("d1", "made_elsewhere"));
    assertEquals("d1", CompletableFuture.supplyAsync(() -> spark.catalog().currentDatabase()).get(30, TimeUnit.SECONDS));
    spark.sql("USE default");
    assertEquals("default", spark.catalog().currentDatabase());
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> spark.sql("SELECT * FROM made_elsewhere")));
  }

  @Test
  void sparkOperatorsAndFunctionsKeepSparkMeaning() {
    // Spark: DIV is bigint, datediff/year/size are int, a cast to int truncates
    assertEquals(List.of(List.of(3, -3, 12, 1)), values(spark.sql(
        "SELECT CAST(3.7 AS INT), CAST(-3.7 AS INT), CAST('12' AS INT), CAST(true AS INT)")));
    Dataset<Row> d = spark.sql("SELECT NULL <=> NULL AS a, 1 <=> NULL AS b, 7 DIV 2 AS c, 7 / 2 AS d, 7 % 3 AS e, "
        + "'Eve' RLIKE '^E' AS f, 'Steve' RLIKE '^E' AS g, 'Steve' NOT RLIKE 'v' AS h, "
        + "date_add(DATE'2024-02-28', 2) AS i, datediff(DATE'2024-03-01', DATE'2024-02-01') AS j, "
        + "year('2024-02-28') AS k, concat('a', NULL) AS l, size(array(1, 2, 3)) AS m, 10L AS n, "
        + "date_format(DATE'2024-02-03', 'yyyy/MM/dd') AS o, nvl(NULL, 'x') AS p");
    assertEquals(List.of(Arrays.asList(true, false, 3L, 3.5, 1, true, false, false,
        java.sql.Date.valueOf("2024-03-01"), 29, 2024, null, 3, 10L, "2024/02/03", "x")), values(d));
    assertArrayEquals(new String[] {"bigint", "int", "int", "int", "bigint"}, new String[] {
        d.schema().fields()[2].dataType().simpleString(), d.schema().fields()[9].dataType().simpleString(),
        d.schema().fields()[10].dataType().simpleString(), d.schema().fields()[12].dataType().simpleString(),
        d.schema().fields()[13].dataType().simpleString()});
  }

  @Test
  void orderByUsesSparkNullOrdering() {
    spark.sql("CREATE TEMPORARY VIEW v AS SELECT * FROM VALUES (1), (NULL), (3) AS t(x)");
    assertEquals(List.of(java.util.Collections.singletonList(null), List.of(1), List.of(3)),
        values(spark.sql("SELECT x FROM v ORDER BY x")));
    assertEquals(List.of(List.of(3), List.of(1), java.util.Collections.singletonList(null)),
        values(spark.sql("SELECT x FROM v ORDER BY x DESC")));
    assertEquals(List.of(List.of(1), List.of(3), java.util.Collections.singletonList(null)),
        values(spark.sql("SELECT x FROM v ORDER BY x ASC NULLS LAST")));
  }

  @Test
  void divisionByZeroFailsAsInSparkAnsiModeAndTryDivideGivesNull() {
    spark.sql("CREATE TABLE n AS SELECT * FROM VALUES (1, 0), (4, 2) AS t(a, b)");
    assertEquals("DIVIDE_BY_ZERO", runtimeErrorClass(() -> spark.sql("SELECT a / b FROM n").collectAsList()));
    assertEquals("DIVIDE_BY_ZERO", runtimeErrorClass(() -> spark.sql("SELECT a DIV b FROM n").collectAsList()));
    assertEquals("DIVIDE_BY_ZERO", runtimeErrorClass(() -> spark.sql("SELECT a % (b * 1) FROM n").collectAsList()));
    assertEquals(List.of(java.util.Collections.singletonList(null), List.of(2.0)),
        values(spark.sql("SELECT try_divide(a, b) FROM n ORDER BY a")));
    assertEquals(List.of(List.of(2.0)), values(spark.sql("SELECT a / b FROM n WHERE b <> 0")));
  }

  @Test
  void unsupportedOrInvalidSyntaxFailsNamingTheToken() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELEC 1"));
    assertEquals("PARSE_SYNTAX_ERROR", e.getErrorClass());
    assertTrue(e.getMessage().contains("'SELEC'"), e.getMessage());
    e = assertThrows(AnalysisException.class,
        () -> spark.sql("SELECT x FROM VALUES (array(1)) AS t(a) LATERAL VIEW explode(a) e AS x"));
    assertEquals("PARSE_SYNTAX_ERROR", e.getErrorClass());
    assertTrue(e.getMessage().contains("'LATERAL'"), e.getMessage());
    e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT 'unterminated"));
    assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT (1"));
    assertEquals("PARSE_SYNTAX_ERROR", e.getErrorClass());
    assertEquals("PARSE_SYNTAX_ERROR", errorClass(() -> spark.sql("")));
    assertEquals("PARSE_SYNTAX_ERROR", errorClass(() -> spark.sql("SELECT 1; SELECT 2")));
    assertEquals("UNRESOLVED_ROUTINE", errorClass(() -> spark.sql("SELECT no_such_fn(1)")));
    assertEquals("PARSE_SYNTAX_ERROR", errorClass(() -> spark.sql("CREATE TABLE t (id INT) USING parquet BOGUS")));
  }

  @Test
  void databaseErrorsHaveSparkClasses() {
    spark.sql("CREATE DATABASE twice");
    assertEquals("SCHEMA_ALREADY_EXISTS", errorClass(() -> spark.sql("CREATE DATABASE twice")));
    spark.sql("CREATE TABLE twice.t (id INT)");
    assertEquals("SCHEMA_NOT_EMPTY", errorClass(() -> spark.sql("DROP DATABASE twice")));
    spark.sql("DROP DATABASE twice CASCADE");
    assertFalse(spark.catalog().databaseExists("twice"));
    assertEquals("SCHEMA_NOT_FOUND", errorClass(() -> spark.sql("DROP DATABASE never")));
    spark.sql("DROP DATABASE IF EXISTS never");
    assertEquals("SCHEMA_NOT_FOUND", errorClass(() -> spark.sql("USE never")));
    assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", errorClass(() -> {
      spark.sql("CREATE TABLE e (id INT) USING parquet");
      spark.sql("CREATE TABLE e (id INT) USING parquet");
    }));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> spark.sql("INSERT INTO missing VALUES (1)")));
  }

  @Test
  void ctasInsertOverwriteTruncateAlterAndDropTableOnAView() {
    spark.sql("CREATE TABLE src USING parquet AS SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)");
    spark.sql("CREATE TABLE dst (id INT, name STRING)");
    spark.sql("INSERT INTO TABLE dst SELECT * FROM src");
    spark.sql("INSERT OVERWRITE TABLE dst SELECT id + 10, name FROM src WHERE id = 2");
    assertEquals(List.of(List.of(12, "b")), values(spark.sql("TABLE dst")));
    spark.sql("ALTER TABLE dst ADD COLUMNS (note STRING COMMENT 'n', score DOUBLE)");
    spark.sql("ALTER TABLE dst RENAME TO dst2");
    assertArrayEquals(new String[] {"id", "name", "note", "score"}, spark.table("dst2").columns());
    spark.sql("TRUNCATE TABLE dst2");
    assertEquals(0L, spark.table("dst2").count());
    spark.sql("CREATE OR REPLACE TEMP VIEW tv AS SELECT id FROM src");
    spark.sql("DROP TABLE tv"); // Spark drops a temporary view through DROP TABLE too
    assertFalse(spark.catalog().tableExists("tv"));
    spark.sql("DROP TABLE IF EXISTS tv");
  }

  @Test
  void cacheGlobalTempViewsSetAndExplainAreAccepted() {
    spark.sql("CACHE TABLE cached AS SELECT 1 AS one");
    assertEquals(List.of(List.of(1)), values(spark.sql("SELECT * FROM cached")));
    spark.sql("CACHE LAZY TABLE cached");
    spark.sql("UNCACHE TABLE IF EXISTS cached");
    spark.sql("CLEAR CACHE");
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> spark.sql("CACHE TABLE not_there")));
    spark.sql("CREATE GLOBAL TEMPORARY VIEW gv AS SELECT 2 AS two");
    assertEquals(List.of(List.of(2)), values(spark.sql("SELECT * FROM global_temp.gv")));
    assertEquals(List.of(List.of("spark.sql.shuffle.partitions", "1")),
        values(spark.sql("SET spark.sql.shuffle.partitions=1")));
    assertEquals("1", spark.conf("spark.sql.shuffle.partitions"));
    String plan = (String) spark.sql("EXPLAIN SELECT `one` FROM cached").first().get(0);
    assertTrue(plan.contains("\"one\""), plan);
  }

  @Test
  void unaliasedFunctionCallsAreNamedAsSparkNamesThem() {
    spark.sql("CREATE TABLE p AS SELECT * FROM VALUES (1, 'a', 'x'), (2, 'b', NULL) AS t(id, name, dept)");
    assertArrayEquals(new String[] {"dept", "count(1)", "sum(id)", "max(upper(name))", "coalesce(dept, -)"},
        spark.sql("SELECT dept, count(*), SUM(id), max(upper(name)), coalesce(dept, '-') FROM p GROUP BY dept").columns());
    assertArrayEquals(new String[] {"upper(name)", "u", "(id + 1)"},
        spark.table("p").selectExpr("upper(name)", "lower(name) AS u", "id + 1").columns());
  }

  @Test
  void selectExprAndFilterTextAreTranslatedToo() {
    Dataset<Row> d = spark.sql("SELECT * FROM VALUES (1, 'Ann'), (2, 'Bob') AS t(id, `first name`)");
    assertEquals(List.of(List.of(1, "ANN", 2L)),
        values(d.filter("`first name` RLIKE 'n$'").selectExpr("id", "upper(`first name`) AS u", "id DIV 1 + 1 AS k")));
    assertEquals("DIVIDE_BY_ZERO", runtimeErrorClass(() -> d.selectExpr("id / 0").collectAsList()));
    assertNull(d.selectExpr("try_divide(id, 0) AS q").first().get(0));
  }
}
