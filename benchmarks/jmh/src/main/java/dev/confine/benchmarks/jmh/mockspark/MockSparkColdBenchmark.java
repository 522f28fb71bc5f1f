package dev.confine.benchmarks.jmh.mockspark;

import static dev.confine.mockspark.sql.functions.sum;

import dev.confine.benchmarks.jmh.CpuPerOpProfiler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.confine.mockspark.sql.Row;
import dev.confine.mockspark.sql.SparkSession;
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
 * <p>Cold: each measurement is one shot in a fresh JVM (five forks), as a test run pays it: {@code sessionStart}
 * is {@code getOrCreate()}, {@code firstQuery} the first group-by collected on a session just started.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {
  "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
  "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
  "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
  "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
  "-Dio.netty.tryReflectionSetAccessible=true", "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx2g"})
public class MockSparkColdBenchmark {
  static SparkSession start(String isolation) {
    return SparkSession.builder().master("local[1]").appName("bench")
        .config("confine.isolation", isolation)
        .getOrCreate();
  }

  /** Holds the session a benchmark started, to stop it outside the measurement. */
  @State(Scope.Benchmark)
  public static class Started {
    @Param({"thread-confined", "child-processes"})
    public String isolation;

    SparkSession session;

    @TearDown(Level.Iteration)
    public void stop() {
      if (session != null) {
        session.stop();
        session = null;
      }
    }
  }

  /** A started session, nothing run on it yet. */
  @State(Scope.Benchmark)
  public static class Fresh {
    @Param({"thread-confined", "child-processes"})
    public String isolation;

    SparkSession spark;

    @Setup(Level.Trial)
    public void open() {
      spark = start(isolation);
    }

    @TearDown(Level.Trial)
    public void close() {
      CpuPerOpProfiler.endOfTrial();
      spark.stop();
    }
  }

  @Benchmark
  public SparkSession sessionStart(Started s) {
    s.session = start(s.isolation);
    return s.session;
  }

  @Benchmark
  public List<Row> firstQuery(Fresh f) {
    return f.spark.range(BenchData.EMP_ROWS).selectExpr(BenchData.EMP_COLUMNS)
        .groupBy("dept").agg(sum("salary")).collectAsList();
  }
}
