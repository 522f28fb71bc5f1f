package dev.confine.benchmarks.jmh.mockspark;

import static dev.confine.mockspark.sql.functions.col;
import static dev.confine.mockspark.sql.functions.count;
import static dev.confine.mockspark.sql.functions.row_number;
import static dev.confine.mockspark.sql.functions.sum;

import dev.confine.benchmarks.jmh.CpuPerOpProfiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.confine.mockspark.sql.Dataset;
import dev.confine.mockspark.sql.Row;
import dev.confine.mockspark.sql.SparkSession;
import dev.confine.mockspark.sql.expressions.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * mockspark, in both isolation modes ({@code thread-confined}: DuckDB in-process; {@code child-processes}: the
 * session's DuckDB in its own worker JVM); same operations and data as the Spark classes. Its tables are DuckDB
 * in-memory tables.
 *
 * <p>Steady state: one warmed session, 10,000 employees and 20 departments loaded once; each operation builds its
 * frame and collects it (method names match the peer's; the report pairs them).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
  "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
  "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
  "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
  "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
  "-Dio.netty.tryReflectionSetAccessible=true", "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx2g"})
public class MockSparkSteadyBenchmark {

  /** A warmed session with both tables loaded. */
  @State(Scope.Benchmark)
  public static class Steady {
    @Param({"thread-confined", "child-processes"})
    public String isolation;

    SparkSession spark;
    Dataset<Row> emp;
    Dataset<Row> depts;

    @Setup(Level.Trial)
    public void open() {
      spark = MockSparkColdBenchmark.start(isolation);
      spark.range(BenchData.EMP_ROWS).selectExpr(BenchData.EMP_COLUMNS).write().saveAsTable("emp");
      spark.range(BenchData.DEPT_ROWS).selectExpr(BenchData.DEPT_COLUMNS).write().saveAsTable("depts");
      emp = spark.table("emp");
      depts = spark.table("depts");
      if (emp.count() != BenchData.EMP_ROWS || depts.count() != BenchData.DEPT_ROWS) {
        throw new IllegalStateException("benchmark data not loaded");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      CpuPerOpProfiler.endOfTrial();
      spark.stop();
    }
  }

  /** A JVM that has started (and stopped) one session already: classes loaded, native library extracted. */
  @State(Scope.Benchmark)
  public static class Warm {
    @Param({"thread-confined", "child-processes"})
    public String isolation;

    @Setup(Level.Trial)
    public void warm() {
      MockSparkColdBenchmark.start(isolation).stop();
    }
  }

  /**
   * Starting and stopping a session in a JVM that has run one before (a test class after the first); both have
   * to be paid per session, and Spark cannot start a second session before the first is stopped.
   */
  @Benchmark
  public SparkSession sessionStartStopWarm(Warm w) {
    SparkSession session = MockSparkColdBenchmark.start(w.isolation);
    session.stop();
    return session;
  }

  @Benchmark
  public List<Row> selectFilter(Steady s) {
    return s.emp.filter(col("salary").gt(500)).select(col("id"), col("name"), col("salary").multiply(2).alias("twice"))
        .limit(100).collectAsList();
  }

  @Benchmark
  public List<Row> groupBy(Steady s) {
    return s.emp.groupBy("dept").agg(sum("salary"), count(col("id"))).collectAsList();
  }

  @Benchmark
  public List<Row> join(Steady s) {
    return s.emp.join(s.depts, "dept").filter(col("salary").lt(100)).collectAsList();
  }

  @Benchmark
  public List<Row> window(Steady s) {
    return s.emp.withColumn("rn", row_number().over(Window.partitionBy("dept").orderBy(col("salary").desc())))
        .filter(col("rn").leq(3)).collectAsList();
  }
}
