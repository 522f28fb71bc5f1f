package dev.confine.benchmarks.jmh.isolation;

import dev.confine.benchmarks.jmh.CpuPerOpProfiler;
import dev.confine.isolation.ChildProcessOptions;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.util.concurrent.TimeUnit;
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
 * The latency of a fresh worker's first call, the one a pool opened ahead of its work (warm start)
 * or a replacement after a crash serves first: each iteration opens a one-worker pool of the
 * trivial backend (not timed), waits {@code pauseMillis}, and times one call. The baseline, in the
 * same run, is the same worker's second call ({@code call=second}: one call is made before the
 * pause). {@code pauseMillis=0} is a call queued while the worker starts; 300 is a pool opened a
 * moment before it is used. Single shot: {@code java -jar benchmarks/jmh/target/benchmarks.jar
 * FirstCallBenchmark} takes the annotated 15 measured pools per case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
@Fork(1)
public class FirstCallBenchmark {
  @Param({"0", "300"})
  public long pauseMillis;

  @Param({"first", "second"})
  public String call;

  private static final TrivialBackend.Trivial TRIVIAL = new TrivialBackend.Trivial();
  private Isolated<TrivialBackend.State> pool;

  @Setup(Level.Iteration)
  public void openPool() throws InterruptedException {
    pool =
        Isolated.newBuilder(new TrivialBackend())
            .strategy(Isolation.childProcesses(1, ChildProcessOptions.defaults()))
            .open();
    if (call.equals("second")) {
      pool.call(TRIVIAL);
    }
    if (pauseMillis > 0) {
      Thread.sleep(pauseMillis); // the pause is what is being modelled, not a synchronisation
    }
  }

  @TearDown(Level.Iteration)
  public void closePool() {
    CpuPerOpProfiler.endOfTrial(); // the worker is stopped below, before the profiler reads this iteration
    pool.close();
  }

  @Benchmark
  public long call() {
    return pool.call(TRIVIAL);
  }
}
