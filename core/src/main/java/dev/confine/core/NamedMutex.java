package dev.confine.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A process-wide, re-entrant mutual-exclusion lock identified by name: {@code NamedMutex.of("x")}
 * returns the same lock to every caller in the JVM, so independent code that touches the same
 * global state (a native library's globals) agrees on one lock without passing it around.
 *
 * <p><b>Concurrency:</b> thread-safe. Acquisition is fair (first come, first served), so a busy
 * caller cannot starve others. Everything a thread did while holding the mutex happens-before
 * everything the next holder does. It is a {@link ReentrantLock}, not a monitor, so virtual
 * threads that block on it do not pin their carrier. Waiting honours a {@link Deadline} and
 * interrupts. Diagnostics ({@link #stats()}) tell who holds it and how long callers wait and hold.
 *
 * <p>Use it with try-with-resources:
 *
 * <pre>{@code
 * try (NamedMutex.Held held = NamedMutex.of("net-snmp").lock(deadline)) {
 *   // touch the global state
 * }
 * }</pre>
 */
public final class NamedMutex {
  private static final ConcurrentMap<String, NamedMutex> REGISTRY = new ConcurrentHashMap<>();

  private final String name;
  private final Lock lock = new Lock();
  private final LongAdder acquisitions = new LongAdder();
  private final LongAdder contended = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder waitNanos = new LongAdder();
  private final LongAdder holdNanos = new LongAdder();
  private volatile long maxWaitNanos;
  private volatile long maxHoldNanos;
  // written only by the holder, read by diagnostics
  private volatile long heldSinceNanos;

  private NamedMutex(String name) {
    this.name = name;
  }

  /**
   * The process-wide mutex called {@code name}, created on first use and kept for the life of the
   * JVM (names are few and fixed: one per shared resource, not per request).
   */
  public static NamedMutex of(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("mutex name must not be blank");
    }
    return REGISTRY.computeIfAbsent(name, NamedMutex::new);
  }

  public String name() {
    return name;
  }

  /**
   * Waits until the mutex is free or {@code deadline} passes, then holds it.
   *
   * @throws dev.confine.core.CallTimeoutException if the deadline passed first; the message names
   *     the mutex, its current owner and how long it has been held
   * @throws CallInterruptedException if the thread was interrupted while waiting (its interrupt
   *     status is set again)
   */
  public Held lock(Deadline deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (lock.tryLock()) {
      // uncontended: nothing waited, so no wait to time (one clock read fewer on the hot path)
      acquisitions.increment();
      if (lock.getHoldCount() == 1) {
        heldSinceNanos = System.nanoTime();
      }
      return new Held(this);
    }
    long start = System.nanoTime();
    contended.increment();
    boolean free;
    LockWaitEvent event = new LockWaitEvent();
    event.begin();
    try {
      free =
          deadline.isNone()
              ? lockForever()
              : lock.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallInterruptedException("interrupted while waiting for mutex '" + name + "'", e);
    } finally {
      event.mutex = name;
      event.acquired = lock.isHeldByCurrentThread();
      event.commit();
    }
    if (!free) {
      timeouts.increment();
      throw new CallTimeoutException(timeoutMessage(System.nanoTime() - start));
    }
    long acquired = System.nanoTime();
    recordWait(acquired - start);
    if (lock.getHoldCount() == 1) {
      heldSinceNanos = acquired;
    }
    return new Held(this);
  }

  /** Holds the mutex if it is free right now; empty otherwise. Never waits. */
  public Optional<Held> tryLock() {
    if (!lock.tryLock()) {
      return Optional.empty();
    }
    recordWait(0);
    if (lock.getHoldCount() == 1) {
      heldSinceNanos = System.nanoTime();
    }
    return Optional.of(new Held(this));
  }

  private boolean lockForever() throws InterruptedException {
    lock.lockInterruptibly();
    return true;
  }

  /** Whether the calling thread holds this mutex. */
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  private void recordWait(long nanos) {
    acquisitions.increment();
    if (nanos == 0) {
      return;
    }
    waitNanos.add(nanos);
    if (nanos > maxWaitNanos) {
      maxWaitNanos = nanos; // racy max: diagnostics only, a lost update under-reports slightly
    }
  }

  /** Releases one hold; returns the {@code System.nanoTime()} read at the outermost release, else 0. */
  private long release() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "mutex '" + name + "' released by " + Thread.currentThread().getName() + ", which does not hold it");
    }
    long now = 0;
    if (lock.getHoldCount() == 1) {
      now = System.nanoTime();
      long held = now - heldSinceNanos;
      holdNanos.add(held);
      if (held > maxHoldNanos) {
        maxHoldNanos = held;
      }
    }
    lock.unlock();
    return now;
  }

  private String timeoutMessage(long waitedNanos) {
    Thread owner = lock.owner();
    return String.format(
        Locale.ROOT,
        "timed out after %.1f ms waiting for mutex '%s'; held by %s for %.1f ms, %d other thread(s)"
            + " waiting. Raise the call's timeout, or look at what the owner is doing (thread dump).",
        waitedNanos / 1e6,
        name,
        owner == null ? "nobody (just released)" : "thread '" + owner.getName() + "'",
        owner == null ? 0.0 : (System.nanoTime() - heldSinceNanos) / 1e6,
        lock.getQueueLength());
  }

  /** A snapshot of this mutex's diagnostics. */
  public Stats stats() {
    Thread owner = lock.owner();
    return new Stats(
        name,
        owner == null ? null : owner.getName(),
        owner == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - heldSinceNanos),
        lock.getQueueLength(),
        acquisitions.sum(),
        contended.sum(),
        timeouts.sum(),
        Duration.ofNanos(waitNanos.sum()),
        Duration.ofNanos(maxWaitNanos),
        Duration.ofNanos(holdNanos.sum()),
        Duration.ofNanos(maxHoldNanos));
  }

  @Override
  public String toString() {
    return "NamedMutex[" + name + "]";
  }

  /**
   * Diagnostics of a {@link NamedMutex} at one moment.
   *
   * @param owner the name of the thread holding it, or null if free
   * @param heldFor how long the current owner has held it
   * @param waiting threads waiting now (an estimate)
   * @param acquisitions successful acquisitions so far (re-entrant ones included)
   * @param contended acquisitions that had to wait
   * @param timeouts waits that gave up at their deadline
   */
  public record Stats(
      String name,
      String owner,
      Duration heldFor,
      int waiting,
      long acquisitions,
      long contended,
      long timeouts,
      Duration totalWait,
      Duration maxWait,
      Duration totalHold,
      Duration maxHold) {}

  /**
   * Proof of holding a {@link NamedMutex}; {@link #close()} releases it. Not thread-safe: close it
   * on the thread that acquired it, exactly once.
   */
  public static final class Held implements AutoCloseable {
    private final NamedMutex mutex;
    private boolean released;

    private Held(NamedMutex mutex) {
      this.mutex = mutex;
    }

    public NamedMutex mutex() {
      return mutex;
    }

    /**
     * The {@code System.nanoTime()} at which the calling thread took the mutex (its outermost
     * hold, for a re-entrant one). Lets a hot path time what it does under the mutex without
     * reading the clock again.
     */
    public long acquiredAtNanos() {
      return mutex.heldSinceNanos;
    }

    @Override
    public void close() {
      releaseTimed();
    }

    /**
     * Releases like {@link #close()} and returns the {@code System.nanoTime()} read to time the
     * hold, so that {@code releaseTimed() - acquiredAtNanos()} is how long it was held with no
     * extra clock read; 0 for a re-entrant hold (the mutex stays held and no clock is read).
     */
    public long releaseTimed() {
      if (released) {
        throw new IllegalStateException("mutex '" + mutex.name + "' released twice");
      }
      released = true;
      return mutex.release();
    }
  }

  /** Exposes the owner thread for diagnostics. */
  private static final class Lock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    Lock() {
      super(true);
    }

    @Override
    public Thread getOwner() {
      return super.getOwner();
    }

    Thread owner() {
      return getOwner();
    }
  }
}
