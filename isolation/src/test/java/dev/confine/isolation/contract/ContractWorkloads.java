package dev.confine.isolation.contract;

import dev.confine.isolation.Isolated;
import dev.confine.isolation.testing.CounterState;
import dev.confine.isolation.testing.Increment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workloads the contract runs, shared with the tests that show they fail without a strategy. */
public final class ContractWorkloads {
  private ContractWorkloads() {}

  /**
   * What a racy-increment run saw.
   *
   * @param calls increments that returned
   * @param overlaps increments that saw another inside the critical section at the same time
   * @param lostOrDuplicated increments whose value was not unique and contiguous within their
   *     state (a lost update)
   */
  public record RaceReport(int calls, int overlaps, int lostOrDuplicated, List<String> examples) {
    public boolean clean() {
      return overlaps == 0 && lostOrDuplicated == 0;
    }
  }

  /**
   * {@code threads} callers, released together, each making {@code perThread} increments. With
   * mutual exclusion every state's values are distinct and contiguous and nothing overlaps.
   */
  public static RaceReport racyIncrements(Isolated<CounterState> isolated, int threads, int perThread)
      throws InterruptedException {
    ConcurrentLinkedQueue<Increment.Result> results = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    results.add(isolated.call(new Increment()));
                  }
                } catch (Throwable e) {
                  errors.add(e);
                }
              },
              "contract-caller-" + t);
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join(120_000);
      if (w.isAlive()) {
        throw new AssertionError("caller " + w.getName() + " did not finish in 120 s: a hang");
      }
    }
    if (!errors.isEmpty()) {
      AssertionError e = new AssertionError("callers failed: " + errors.size());
      errors.forEach(e::addSuppressed);
      throw e;
    }
    return analyse(results);
  }

  static RaceReport analyse(Collection<Increment.Result> results) {
    int overlaps = 0;
    Map<String, List<Long>> byState = new HashMap<>();
    for (Increment.Result r : results) {
      if (r.overlapped()) {
        overlaps++;
      }
      // a PROCESS-scoped state is one per pid; an INSTANCE-scoped one is one per (pid, owner)
      byState.computeIfAbsent(r.pid() + "/" + r.owner(), k -> new ArrayList<>()).add(r.value());
    }
    int bad = 0;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<String, List<Long>> e : byState.entrySet()) {
      TreeSet<Long> distinct = new TreeSet<>(e.getValue());
      int n = e.getValue().size();
      boolean contiguous = distinct.size() == n && distinct.last() - distinct.first() == n - 1;
      if (!contiguous) {
        bad += n - distinct.size() + (distinct.isEmpty() ? 0 : (int) Math.max(0, distinct.last() - distinct.first() + 1 - n));
        if (examples.size() < 5) {
          examples.add(
              String.format(
                  Locale.ROOT,
                  "state %s: %d increments gave %d distinct values in [%d, %d]",
                  e.getKey(),
                  n,
                  distinct.size(),
                  distinct.first(),
                  distinct.last()));
        }
      }
    }
    return new RaceReport(results.size(), overlaps, bad, examples);
  }

  /** Waits (spinning politely, never sleeping a fixed time) until {@code condition} holds. */
  public static void awaitCondition(String what, java.util.function.BooleanSupplier condition, long timeoutMillis) {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for: " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
