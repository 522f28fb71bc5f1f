package dev.confine.isolation.demo;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small demonstration of the in-process strategies: 64 threads increment a counter that, like a
 * native library's global, has a read-modify-write race. Without a strategy updates are lost;
 * with one, none are. Run with {@code ./confine demo} while the SNMP main job is not built.
 */
public final class StrategiesDemo {
  private StrategiesDemo() {}

  /** The racy global. Plain on purpose. */
  static long counter;

  /** A PROCESS-scoped backend over {@link #counter}. */
  static final class RacyGlobal implements Backend<Object> {
    @Override
    public String id() {
      return "demo-racy-global";
    }

    @Override
    public StateScope scope() {
      return StateScope.PROCESS;
    }

    @Override
    public Object open(BackendConfig config) {
      return new Object();
    }

    @Override
    public void close(Object state) {}
  }

  static long increment() {
    long v = counter;
    Thread.onSpinWait();
    Thread.yield(); // widen the race window, as real native work would
    counter = v + 1;
    return v + 1;
  }

  public static void main(String[] args) throws Exception {
    int threads = 64;
    int perThread = 500;
    System.out.printf(Locale.ROOT, "%d threads x %d increments of a racy global counter%n%n", threads, perThread);
    System.out.printf(Locale.ROOT, "%-20s %12s %12s %12s%n", "strategy", "ops/s", "expected", "lost");
    run("none (unsafe)", null, threads, perThread);
    run("serialized", Isolation.serialized(), threads, perThread);
    run("thread-confined(1)", Isolation.threadConfined(1), threads, perThread);
  }

  private static void run(String label, Isolation strategy, int threads, int perThread) throws Exception {
    counter = 0;
    Isolated<Object> isolated = strategy == null ? null : Isolated.newBuilder(new RacyGlobal()).strategy(strategy).open();
    LongAdder done = new LongAdder();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  if (isolated == null) {
                    increment();
                  } else {
                    isolated.call((s, c) -> increment());
                  }
                  done.increment();
                }
              });
      w.start();
      workers.add(w);
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (isolated != null) {
      isolated.close();
    }
    long expected = (long) threads * perThread;
    System.out.printf(
        Locale.ROOT, "%-20s %12.0f %12d %12d%n", label, done.sum() / seconds, expected, expected - counter);
  }
}
