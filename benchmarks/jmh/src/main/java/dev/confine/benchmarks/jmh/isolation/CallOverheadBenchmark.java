package dev.confine.benchmarks.jmh.isolation;

import dev.confine.benchmarks.jmh.CpuPerOpProfiler;
import dev.confine.core.CallContext;
import dev.confine.core.Deadline;
import dev.confine.core.HandleTable;
import dev.confine.isolation.ChildProcessOptions;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The cost of one trivial call through each strategy, each beside its physical baseline in the
 * same run: a direct call; a bare {@link ReentrantLock} (baseline of serialized); a
 * single-thread executor's submit/get (baseline of thread-confined); a raw length-prefixed byte
 * ping-pong with a child JVM over its stdin/stdout (baseline of child processes), shared by the
 * callers through a {@code synchronized} block (which lets a releasing thread barge back in) and, as
 * {@code raw-pipe-fifo}, through a fair lock (first come, first served, as a pool's queue). Sample mode
 * gives the mean (hence throughput) and the p50/p99 latency; 1, 4 and 64 caller threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallOverheadBenchmark {
  @Param({"direct", "lock", "serialized", "executor", "thread-confined", "raw-pipe", "raw-pipe-fifo", "child-processes"})
  public String path;

  private static final TrivialBackend.Trivial CALL = new TrivialBackend.Trivial();
  private static final byte[] PING = new byte[64];

  private TrivialBackend.State state;
  private CallContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private final ReentrantLock fifo = new ReentrantLock(true);
  private ExecutorService executor;
  private Isolated<TrivialBackend.State> isolated;
  private Process rawChild;
  private DataOutputStream rawOut;
  private DataInputStream rawIn;
  private final byte[] rawBuf = new byte[64];

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    state = new TrivialBackend.State();
    context =
        new CallContext() {
          private final Deadline none = Deadline.none();

          @Override
          public Deadline deadline() {
            return none;
          }

          @Override
          public HandleTable handles() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int owner() {
            return 0;
          }
        };
    switch (path) {
      case "executor" -> executor = Executors.newSingleThreadExecutor();
      case "serialized" -> isolated = open(Isolation.serialized());
      case "thread-confined" -> isolated = open(Isolation.threadConfined(1));
      case "child-processes" -> isolated = open(Isolation.childProcesses(1, ChildProcessOptions.newBuilder().fastStartFlags(false).build()));
      case "raw-pipe", "raw-pipe-fifo" -> {
        rawChild =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    RawEchoMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        rawOut = new DataOutputStream(new BufferedOutputStream(rawChild.getOutputStream(), 1 << 16));
        rawIn = new DataInputStream(new BufferedInputStream(rawChild.getInputStream(), 1 << 16));
      }
      default -> {}
    }
  }

  private static Isolated<TrivialBackend.State> open(Isolation strategy) {
    return Isolated.newBuilder(new TrivialBackend()).strategy(strategy).defaultTimeout(Duration.ofSeconds(60)).open();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    CpuPerOpProfiler.endOfTrial();
    if (isolated != null) {
      isolated.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
    if (rawChild != null) {
      rawOut.close();
      rawChild.waitFor(5, TimeUnit.SECONDS);
      rawChild.destroyForcibly();
    }
  }

  private long oneCall() throws Exception {
    switch (path) {
      case "direct":
        return CALL.apply(state, context);
      case "lock":
        lock.lock();
        try {
          return CALL.apply(state, context);
        } finally {
          lock.unlock();
        }
      case "executor":
        return executor.submit(() -> CALL.apply(state, context)).get();
      case "raw-pipe":
        synchronized (rawBuf) {
          return rawPingPong();
        }
      case "raw-pipe-fifo":
        fifo.lock();
        try {
          return rawPingPong();
        } finally {
          fifo.unlock();
        }
      default:
        return isolated.call(CALL);
    }
  }

  private int rawPingPong() throws java.io.IOException {
    rawOut.writeInt(PING.length);
    rawOut.write(PING);
    rawOut.flush();
    int n = rawIn.readInt();
    rawIn.readFully(rawBuf, 0, n);
    return n;
  }

  @Benchmark
  @Threads(1)
  public long threads1() throws Exception {
    return oneCall();
  }

  @Benchmark
  @Threads(4)
  public long threads4() throws Exception {
    return oneCall();
  }

  @Benchmark
  @Threads(64)
  public long threads64() throws Exception {
    return oneCall();
  }
}
