package dev.confine.benchmarks.jmh.isolation;

import dev.confine.core.NamedMutex;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Where the time of one uncontended serialized call goes, in average time per call (sample-mode
 * percentiles, which {@link CallOverheadBenchmark} reports, sit at the timer's floor for calls this
 * short): the bare {@link ReentrantLock} around the trivial call (the baseline), the same
 * with one and with two {@code System.nanoTime()} reads under the lock, the {@link NamedMutex}
 * alone (its wait and hold-time diagnostics read the clock twice), and the whole serialized
 * strategy. One caller thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class SerializedCostBenchmark {
  @Param({"lock", "lock-1-clock-read", "lock-2-clock-reads", "named-mutex", "serialized"})
  public String path;

  private static final TrivialBackend.Trivial CALL = new TrivialBackend.Trivial();
  private final ReentrantLock lock = new ReentrantLock();
  private final NamedMutex mutex = NamedMutex.of("confine.bench/serialized-cost");
  private final TrivialBackend.State state = new TrivialBackend.State();
  private Isolated<TrivialBackend.State> isolated;

  @Setup(Level.Trial)
  public void setUp() {
    if (path.equals("serialized")) {
      isolated =
          Isolated.newBuilder(new TrivialBackend()).strategy(Isolation.serialized()).defaultTimeout(Duration.ofSeconds(60)).open();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (isolated != null) {
      isolated.close();
    }
  }

  @Benchmark
  public long call() {
    switch (path) {
      case "lock":
        lock.lock();
        try {
          return CALL.apply(state, null);
        } finally {
          lock.unlock();
        }
      case "lock-1-clock-read":
        lock.lock();
        try {
          return CALL.apply(state, null) + System.nanoTime();
        } finally {
          lock.unlock();
        }
      case "lock-2-clock-reads":
        lock.lock();
        try {
          long start = System.nanoTime();
          return CALL.apply(state, null) + System.nanoTime() - start;
        } finally {
          lock.unlock();
        }
      case "named-mutex":
        try (NamedMutex.Held held = mutex.tryLock().orElseThrow()) {
          return CALL.apply(state, null);
        }
      default:
        return isolated.call(CALL);
    }
  }
}
