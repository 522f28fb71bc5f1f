package dev.confine.isolation.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * State whose increment has a deliberate read-modify-write race with a widened window, and that
 * notices when two calls are inside it at once. Correct only if calls never overlap.
 */
public abstract class CounterState {
  private final AtomicInteger inside = new AtomicInteger();

  /** The racy counter itself: plain reads and writes, no synchronization. */
  abstract long read();

  abstract void write(long v);

  /** Increments with a race window; returns the new value and whether another call overlapped. */
  public Increment.Result increment(int owner) {
    boolean overlapped = inside.incrementAndGet() > 1;
    long v = read();
    // widen the window between read and write so an unprotected run loses updates reliably
    long until = System.nanoTime() + 3_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    write(v + 1);
    overlapped |= inside.getAndDecrement() > 1;
    return new Increment.Result(ProcessHandle.current().pid(), owner, v + 1, overlapped);
  }

  public long value() {
    return read();
  }
}
