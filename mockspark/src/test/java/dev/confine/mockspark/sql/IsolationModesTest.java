package dev.confine.mockspark.sql;

import static dev.confine.mockspark.sql.functions.col;
import static dev.confine.mockspark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.expressions.Window;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The same Dataset and SQL operations under {@code confine.isolation=thread-confined} (in-process) and
 * {@code child-processes} (the session's DuckDB in a worker JVM): same schemas, same rows with the same Java value
 * types, same error classes; and what happens when the worker dies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IsolationModesTest {
  private SparkSession inProcess;
  private SparkSession child;

  @BeforeAll
  void open() {
    inProcess = SparkSession.builder().getOrCreate().newSessionWith(SparkSession.ISOLATION_KEY, "thread-confined");
    child = inProcess.newSessionWith(SparkSession.ISOLATION_KEY, "child-processes");
    assertInstanceOf(Engine.class, inProcess.engine());
    assertInstanceOf(ChildProcessEngine.class, child.engine());
    for (SparkSession s : List.of(inProcess, child)) {
      s.sql("CREATE TABLE emp (name VARCHAR, dept VARCHAR, salary INTEGER, bonus DECIMAL(10,2), hired DATE,"
          + " seen TIMESTAMP, rate DOUBLE, tags VARCHAR[])");
      s.sql("INSERT INTO emp VALUES ('ann','eng',100,12.50,DATE '2020-01-31',TIMESTAMP '2021-02-03 04:05:06.789',0.5,['a','b']),"
          + " ('bob','eng',80,NULL,DATE '1999-12-31',NULL,-1.25,[]),"
          + " ('cy','ops',50,3.10,NULL,TIMESTAMP '1970-01-01 00:00:00',NULL,NULL),"
          + " ('dee',NULL,NULL,0.00,DATE '2024-02-29',TIMESTAMP '2024-02-29 23:59:59',1e300,['x'])");
    }
  }

  @AfterAll
  void close() {
    inProcess.stop();
    child.stop();
  }

  private static Map<String, Function<SparkSession, Dataset<Row>>> operations() {
    Map<String, Function<SparkSession, Dataset<Row>>> ops = new LinkedHashMap<>();
    ops.put("table", s -> s.table("emp").orderBy("name"));
    ops.put("filter+select", s -> s.table("emp").filter(col("salary").gt(60)).select(col("name"), col("salary").multiply(2).alias("twice")).orderBy("name"));
    ops.put("groupBy", s -> s.table("emp").groupBy("dept").agg(sum("salary")).orderBy("dept"));
    ops.put("join", s -> s.table("emp").join(s.sql("SELECT 'eng' AS dept, 'Engineering' AS title"), "dept").orderBy("name"));
    ops.put("window", s -> s.table("emp").withColumn("rn", functions.row_number().over(Window.partitionBy("dept").orderBy("name"))).orderBy("name"));
    ops.put("sql", s -> s.sql("SELECT dept, count(*) AS n, max(hired) AS last, sum(bonus) AS b FROM emp GROUP BY dept ORDER BY dept NULLS FIRST"));
    ops.put("createDataFrame", s -> s.createDataFrame(List.of(RowFactory.create("z", 1L, true), RowFactory.create(null, null, null)),
        new StructType().add("s", DataTypes.StringType).add("l", DataTypes.LongType).add("b", DataTypes.BooleanType)));
    ops.put("nested", s -> s.sql("SELECT {'a': 1, 'b': 'x', 'c': [DATE '2020-01-01']} AS st, [[1, 2], NULL, []] AS arr,"
        + " 12.345::DECIMAL(9,3) AS d, 'NaN'::DOUBLE AS nan, 2::TINYINT AS tiny, 3::SMALLINT AS small, 2::HUGEINT AS huge"));
    ops.put("range+distinct+union", s -> s.range(5).union(s.range(3)).distinct().orderBy("id"));
    return ops;
  }

  /** A row as text that keeps each value's Java type, so Integer 1 and Long 1 differ. */
  private static List<String> typed(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        Object v = r.get(i);
        cells.add(v == null ? "null" : v.getClass().getName() + ":" + (v instanceof byte[] b ? Arrays.toString(b) : v));
      }
      out.add(String.join("|", cells));
    }
    return out;
  }

  @Test
  void sameSchemasRowsAndValueTypesInBothModes() {
    for (Map.Entry<String, Function<SparkSession, Dataset<Row>>> op : operations().entrySet()) {
      Dataset<Row> a = op.getValue().apply(inProcess);
      Dataset<Row> b = op.getValue().apply(child);
      assertEquals(a.schema().simpleString(), b.schema().simpleString(), op.getKey());
      List<Row> rowsA = a.collectAsList();
      assertTrue(!rowsA.isEmpty(), op.getKey() + " returns rows");
      assertEquals(typed(rowsA), typed(b.collectAsList()), op.getKey());
      assertEquals(a.count(), b.count(), op.getKey());
    }
    // and the values are the right ones, not merely equal
    List<Row> ann = child.table("emp").filter(col("name").equalTo("ann")).collectAsList();
    assertEquals(1, ann.size());
    assertEquals(100, ann.get(0).get(2));
    assertEquals(new java.math.BigDecimal("12.50"), ann.get(0).get(3));
    assertEquals(java.sql.Date.valueOf("2020-01-31"), ann.get(0).get(4));
    assertEquals(java.sql.Timestamp.valueOf("2021-02-03 04:05:06.789"), ann.get(0).get(5));
    assertEquals(List.of("a", "b"), ann.get(0).get(7));
  }

  @Test
  void writerAndErrorClassesAreTheSameInBothModes() {
    for (SparkSession s : List.of(inProcess, child)) {
      s.table("emp").select("name", "salary").write().saveAsTable("copy");
      assertEquals(4L, s.table("copy").count());
      assertEquals("TABLE_OR_VIEW_ALREADY_EXISTS", assertThrows(AnalysisException.class,
          () -> s.table("emp").select("name", "salary").write().saveAsTable("copy")).getErrorClass());
      s.table("emp").select("name", "salary").write().mode("append").saveAsTable("copy");
      assertEquals(8L, s.table("copy").count());
    }
    List<Function<SparkSession, Object>> failing = List.of(
        s -> s.table("missing"),
        s -> s.table("emp").select(col("salry")),
        s -> s.table("emp").select(col("nothing_like_it")),
        s -> s.sql("CREATE TABLE nosuch.t (a INT)"));
    for (Function<SparkSession, Object> f : failing) {
      AnalysisException a = assertThrows(AnalysisException.class, () -> f.apply(inProcess));
      AnalysisException b = assertThrows(AnalysisException.class, () -> f.apply(child));
      assertEquals(a.getErrorClass(), b.getErrorClass());
      assertEquals(a.getMessage(), b.getMessage());
    }
    RuntimeException syntax = assertThrows(RuntimeException.class, () -> child.sql("SELEC 1"));
    assertTrue(syntax.getMessage().contains("SELEC 1"), syntax.getMessage());
  }

  @Test
  void threadsOfOneSessionShareTheWorkersDatabase() throws Exception {
    child.sql("CREATE TABLE shared (t INTEGER)");
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          for (int i = 0; i < 10; i++) {
            child.sql("INSERT INTO shared VALUES (" + id + ")");
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), failures);
    List<Row> counts = child.sql("SELECT t, count(*) FROM shared GROUP BY t ORDER BY t").collectAsList();
    assertEquals(List.of("0:10", "1:10", "2:10", "3:10"),
        counts.stream().map(r -> r.get(0) + ":" + r.get(1)).collect(Collectors.toList()));
  }

  @Test
  void currentSchemaInTheWorkerIsSessionWide() throws Exception {
    SparkSession s = inProcess.newSessionWith(SparkSession.ISOLATION_KEY, "child-processes");
    try {
      s.sql("CREATE SCHEMA sch");
      s.sql("CREATE TABLE sch.only_here AS SELECT 7 AS v");
      s.sql("CREATE VIEW in_main AS SELECT 8 AS v");
      assertEquals("main", s.engine().currentSchema());
      s.engine().setCurrentSchema("sch");
      assertEquals("sch", s.engine().currentSchema());
      java.util.concurrent.CompletableFuture<Object> other = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> s.table("only_here").first().get(0));
      assertEquals(7, other.get(60, TimeUnit.SECONDS), "another thread resolves the unqualified name in sch");
      assertEquals(8, s.table("in_main").first().get(0), "main stays on the path");
      RuntimeException missing = assertThrows(RuntimeException.class, () -> s.engine().setCurrentSchema("nope"));
      assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
      assertEquals("sch", s.engine().currentSchema(), "a failed switch keeps the current database");
    } finally {
      s.stop();
    }
  }

  @Test
  void badIsolationModeIsRejectedWithTheAllowedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> inProcess.newSessionWith(SparkSession.ISOLATION_KEY, "forks"));
    assertTrue(e.getMessage().contains("confine.isolation") && e.getMessage().contains("'forks'")
        && e.getMessage().contains("child-processes"), e.getMessage());
    SparkSession badTimeout = inProcess.newSessionWith(SparkSession.CALL_TIMEOUT_KEY, "10s");
    try {
      IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
          () -> badTimeout.newSessionWith(SparkSession.ISOLATION_KEY, "child-processes"));
      assertTrue(t.getMessage().contains("PT30S") && t.getMessage().contains("'10s'"), t.getMessage());
    } finally {
      badTimeout.stop();
    }
  }

  @Test
  void killedWorkerFailsEveryLaterCallClearlyAndStopLeavesNoProcess() throws Exception {
    SparkSession s = inProcess.newSessionWith(SparkSession.ISOLATION_KEY, "child-processes");
    long pid = ((ChildProcessEngine) s.engine()).workerPid();
    try {
      s.sql("CREATE TABLE kept AS SELECT 1 AS a");
      assertEquals(1L, s.table("kept").count());
      ProcessHandle worker = ProcessHandle.of(pid).orElseThrow();
      assertTrue(worker.destroyForcibly());
      worker.onExit().get(30, TimeUnit.SECONDS);
      for (int i = 0; i < 2; i++) {
        // never an empty result or TABLE_OR_VIEW_NOT_FOUND from a fresh database
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.table("kept").count());
        assertTrue(e.getMessage().contains("pid " + pid) && e.getMessage().contains("died")
            && e.getMessage().contains("create a new one"), e.getMessage());
      }
    } finally {
      s.stop();
    }
    Set<Long> children = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().orElse("").contains(dev.confine.mockspark.worker.DuckDbWorkerBackend.ID))
        .map(ProcessHandle::pid).collect(Collectors.toSet());
    assertEquals(Set.of(), children, "no worker of the stopped session is left");
  }
}
