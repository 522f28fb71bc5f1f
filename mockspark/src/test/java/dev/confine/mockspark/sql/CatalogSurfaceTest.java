package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.catalog.Catalog;
import dev.confine.mockspark.sql.catalog.Column;
import dev.confine.mockspark.sql.catalog.Database;
import dev.confine.mockspark.sql.catalog.Table;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Spark Catalog surface on a real DuckDB session; every listed value is checked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CatalogSurfaceTest {
  private SparkSession spark;
  private Catalog catalog;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().getOrCreate().newSession();
    catalog = spark.catalog();
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  private String errorClass(Runnable r) {
    return assertThrows(AnalysisException.class, r::run).getErrorClass();
  }

  @Test
  void databasesTablesViewsAndColumnsAreListedAsSparkDoes() {
    spark.sql("CREATE DATABASE sales");
    spark.sql("CREATE TABLE sales.orders (id INT NOT NULL, item STRING, qty BIGINT)");
    spark.sql("CREATE VIEW sales.big AS SELECT * FROM sales.orders WHERE qty > 10");
    spark.sql("SELECT 1 AS x").createOrReplaceTempView("tmp");

    assertEquals(List.of("default", "sales"),
        catalog.listDatabases().collectAsList().stream().map(Database::name).toList());
    assertEquals(List.of("sales"), catalog.listDatabases("sal*").collectAsList().stream().map(Database::name).toList());
    List<String> tables = catalog.listTables("sales").collectAsList().stream()
        .map(t -> t.name() + "@" + t.database() + ":" + t.tableType() + ":" + t.isTemporary()).toList();
    assertEquals(List.of("big@sales:VIEW:false", "orders@sales:MANAGED:false", "tmp@null:TEMPORARY:true"), tables);
    assertEquals(List.of("orders"), catalog.listTables("sales", "ord*").collectAsList().stream().map(Table::name).toList());
    List<String> cols = catalog.listColumns("sales", "orders").collectAsList().stream()
        .map(c -> c.name() + ":" + c.dataType()).toList();
    assertEquals(List.of("id:int", "item:string", "qty:bigint"), cols);
    assertEquals(List.of("id", "item", "qty"),
        catalog.listColumns("sales.orders").collectAsList().stream().map(Column::name).toList());
    assertEquals("orders", catalog.getTable("sales", "orders").name());
    assertEquals("MANAGED", catalog.getTable("sales.orders").tableType());
    assertEquals("sales", catalog.getDatabase("sales").name());

    assertTrue(catalog.tableExists("sales.orders"));
    assertTrue(catalog.tableExists("sales", "big"));
    assertTrue(catalog.tableExists("tmp"));
    assertFalse(catalog.tableExists("sales", "tmp")); // a qualified lookup does not see temporary views
    assertFalse(catalog.tableExists("nodb", "orders"));
    assertTrue(catalog.databaseExists("default"));
    assertFalse(catalog.databaseExists("nodb"));

    assertEquals("SCHEMA_NOT_FOUND", errorClass(() -> catalog.listTables("nodb")));
    assertEquals("SCHEMA_NOT_FOUND", errorClass(() -> catalog.getDatabase("nodb")));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> catalog.listColumns("sales", "nothing")));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> catalog.getTable("sales", "nothing")));
  }

  @Test
  void setCurrentDatabaseIsSessionWideAndUnqualifiedNamesFollowIt() throws Exception {
    spark.sql("CREATE DATABASE d2");
    catalog.setCurrentDatabase("d2");
    assertEquals("d2", CompletableFuture.supplyAsync(() -> spark.catalog().currentDatabase()).get(30, TimeUnit.SECONDS));
    spark.sql("SELECT 5 AS v").write().saveAsTable("t");
    assertTrue(catalog.tableExists("d2", "t"));
    assertEquals(List.of("t"), catalog.listTables().collectAsList().stream().map(Table::name).toList());
    assertEquals("SCHEMA_NOT_FOUND", errorClass(() -> catalog.setCurrentDatabase("never")));
    assertEquals("d2", catalog.currentDatabase());
    spark.sql("DROP DATABASE d2 CASCADE"); // dropping the current database falls back to default
    assertEquals("default", catalog.currentDatabase());
  }

  @Test
  void tempAndGlobalTempViewsDropCacheAndFunctions() {
    spark.sql("SELECT 1 AS x").createOrReplaceTempView("v1");
    spark.sql("CREATE GLOBAL TEMPORARY VIEW gv AS SELECT 2 AS y");
    assertTrue(catalog.dropTempView("v1"));
    assertFalse(catalog.dropTempView("v1"));
    assertTrue(catalog.dropGlobalTempView("gv"));
    assertFalse(catalog.dropGlobalTempView("gv"));

    spark.sql("CREATE TABLE c (id INT)");
    assertFalse(catalog.isCached("c"));
    catalog.cacheTable("c");
    assertTrue(catalog.isCached("c"));
    catalog.uncacheTable("c");
    assertFalse(catalog.isCached("c"));
    spark.sql("CACHE TABLE c");
    assertTrue(catalog.isCached("c"));
    catalog.clearCache();
    assertFalse(catalog.isCached("c"));
    catalog.refreshTable("c");
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", errorClass(() -> catalog.cacheTable("missing")));

    assertTrue(catalog.functionExists("upper"));
    assertTrue(catalog.functionExists("date_add"));
    assertTrue(catalog.functionExists("collect_list"));
    assertFalse(catalog.functionExists("no_such_function"));
    assertEquals("spark_catalog", catalog.currentCatalog());
  }

  @Test
  void createTableWithSchemaOrOverFiles(@TempDir Path dir) throws Exception {
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType);
    catalog.createTable("managed", "parquet", schema, Map.of());
    assertEquals(0L, spark.table("managed").count());
    assertEquals(List.of("id:int", "name:string"), catalog.listColumns("managed").collectAsList().stream()
        .map(c -> c.name() + ":" + c.dataType()).toList());

    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "id,name\n1,ann\n2,bob\n");
    Dataset<Row> ext = catalog.createTable("people", "csv", Map.of("path", csv.toString(), "header", "true",
        "inferSchema", "true"));
    assertEquals(List.of("1:ann", "2:bob"), ext.collectAsList().stream().map(r -> r.get(0) + ":" + r.get(1)).toList());
    Files.writeString(csv, "id,name\n1,ann\n2,bob\n3,cy\n");
    assertEquals(3L, spark.table("people").count()); // read again on each query, as Spark's external table
  }
}
