package dev.confine.core;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One re-entrant lock per key (a session, a table name), created when first needed and dropped
 * when no thread holds or waits for it, so memory stays bounded by the keys in use, not the keys
 * ever seen.
 *
 * <p><b>Concurrency:</b> thread-safe. Two threads holding locks for equal keys never overlap;
 * threads holding different keys never wait for each other. Everything done under a key's lock
 * happens-before whatever the next holder of that key does. Waiting honours a {@link Deadline} and
 * interrupts; locks are {@link ReentrantLock}s, so virtual threads do not pin their carrier.
 *
 * @param <K> the key type; must have consistent {@code equals} and {@code hashCode}
 */
public final class KeyedLocks<K> {
  private final String name;
  private final ConcurrentMap<K, Entry> locks = new ConcurrentHashMap<>();

  /** @param name what these locks protect, used in error messages ("snmp-session") */
  public KeyedLocks(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Waits until the lock for {@code key} is free or the deadline passes, then holds it.
   *
   * @throws CallTimeoutException if the deadline passed first
   * @throws CallInterruptedException if interrupted while waiting (interrupt status set again)
   */
  public Held lock(K key, Deadline deadline) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(deadline, "deadline");
    Entry entry = retain(key);
    boolean acquired = false;
    try {
      acquired =
          entry.lock.tryLock()
              || (deadline.isNone()
                  ? lockInterruptibly(entry)
                  : entry.lock.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallInterruptedException(
          String.format(Locale.ROOT, "interrupted while waiting for %s lock '%s'", name, key), e);
    } finally {
      if (!acquired) {
        release(key, entry);
      }
    }
    if (!acquired) {
      throw new CallTimeoutException(
          String.format(
              Locale.ROOT,
              "timed out waiting for %s lock '%s' (%d thread(s) waiting); raise the timeout or"
                  + " find what holds it",
              name,
              key,
              entry.lock.getQueueLength()));
    }
    return new Held(key, entry);
  }

  private static boolean lockInterruptibly(Entry entry) throws InterruptedException {
    entry.lock.lockInterruptibly();
    return true;
  }

  private Entry retain(K key) {
    // compute() runs atomically per key, so the count can never be raised on an entry being removed
    return locks.compute(
        key,
        (k, e) -> {
          Entry entry = e == null ? new Entry() : e;
          entry.users++;
          return entry;
        });
  }

  private void release(K key, Entry entry) {
    locks.computeIfPresent(
        key,
        (k, e) -> {
          if (e != entry) {
            throw new IllegalStateException("lock entry for '" + k + "' replaced while in use");
          }
          return --e.users == 0 ? null : e;
        });
  }

  /** How many keys currently have a lock (held or waited for). */
  public int size() {
    return locks.size();
  }

  /** Whether the calling thread holds the lock for {@code key}. */
  public boolean isHeldByCurrentThread(K key) {
    Entry e = locks.get(key);
    return e != null && e.lock.isHeldByCurrentThread();
  }

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    // guarded by the map's per-key compute
    int users;
  }

  /** Proof of holding one key's lock; close it once, on the thread that acquired it. */
  public final class Held implements AutoCloseable {
    private final K key;
    private final Entry entry;
    private boolean released;

    private Held(K key, Entry entry) {
      this.key = key;
      this.entry = entry;
    }

    public K key() {
      return key;
    }

    @Override
    public void close() {
      if (released) {
        throw new IllegalStateException(name + " lock '" + key + "' released twice");
      }
      released = true;
      entry.lock.unlock();
      release(key, entry);
    }
  }
}
