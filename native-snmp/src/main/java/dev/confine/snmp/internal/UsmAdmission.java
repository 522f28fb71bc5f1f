package dev.confine.snmp.internal;

import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.Deadline;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admission of SNMPv3 requests per user name, for the time a request's keys must stay in Net-SNMP's
 * process-wide USM user cache: from sending it (encryption, signing) to reading its answer
 * (checking, decryption), network wait included. Requests whose sessions carry the same keys (equal
 * key ids) are admitted together, so any number of them can wait on the network at once; a request
 * with other keys for the same name waits until those have finished, because installing its keys
 * would change the ones an answer still in flight is checked with. Closing a session, which drops
 * its keys from the cache, needs the name to itself and passes a key no one else has.
 *
 * <p><b>Concurrency:</b> thread-safe. First come, first served per name: a waiter with other keys
 * stops later arrivals from joining the group in flight, so a steady stream of one key set cannot
 * starve another. Waiting honours a {@link Deadline} and interrupts. Taken after the session's lock
 * and before the global mutex (see {@link Locking}); never waits while holding the global mutex.
 */
final class UsmAdmission {
  private final ReentrantLock lock = new ReentrantLock();
  // guarded by lock; an entry exists while requests of that name are in flight or waiting
  private final Map<String, Name> names = new HashMap<>();

  private static final class Name {
    Object admittedKey; // the key id of the requests in flight; null when none
    int inFlight;
    final ArrayDeque<Waiter> queue = new ArrayDeque<>();
  }

  private static final class Waiter {
    final Object key;
    final Condition admitted;
    boolean isAdmitted;

    Waiter(Object key, Condition admitted) {
      this.key = key;
      this.admitted = admitted;
    }
  }

  /** A key id nobody else holds: admission for {@code name} alone. */
  static Object exclusive() {
    return new Object();
  }

  /**
   * Waits until requests with {@code keyId} may be in flight for user {@code name}, then counts
   * this one in; close the result once, when the request's answer has been read (or given up on).
   *
   * @throws CallTimeoutException if the deadline passed first
   * @throws CallInterruptedException if interrupted while waiting (interrupt status set again)
   */
  Admitted enter(String name, Object keyId, Deadline deadline) {
    lock.lock();
    try {
      Name n = names.computeIfAbsent(name, k -> new Name());
      if (n.queue.isEmpty() && (n.inFlight == 0 || n.admittedKey.equals(keyId))) {
        n.admittedKey = keyId;
        n.inFlight++;
        return new Admitted(name);
      }
      Waiter w = new Waiter(keyId, lock.newCondition());
      n.queue.add(w);
      try {
        long left = deadline.remainingNanos();
        while (!w.isAdmitted) {
          if (deadline.isNone()) {
            w.admitted.await();
          } else if (left <= 0) {
            throw new CallTimeoutException(
                String.format(
                    Locale.ROOT,
                    "timed out waiting to use SNMPv3 user '%s' (other sessions of that name with other passphrases have requests in flight); raise the timeout",
                    name));
          } else {
            left = w.admitted.awaitNanos(left);
          }
        }
        return new Admitted(name);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CallInterruptedException("interrupted while waiting to use SNMPv3 user '" + name + "'", e);
      } finally {
        if (!w.isAdmitted) {
          n.queue.remove(w);
          admitWaiters(n);
          dropIfUnused(name, n);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** How many names have requests in flight or waiting (for tests). */
  int activeNames() {
    lock.lock();
    try {
      return names.size();
    } finally {
      lock.unlock();
    }
  }

  /** How many requests wait for {@code name} (for tests). */
  int queued(String name) {
    lock.lock();
    try {
      Name n = names.get(name);
      return n == null ? 0 : n.queue.size();
    } finally {
      lock.unlock();
    }
  }

  // lock held: lets in the waiters at the head of the queue that are compatible with what is in flight
  private static void admitWaiters(Name n) {
    for (Waiter head; (head = n.queue.peek()) != null && (n.inFlight == 0 || n.admittedKey.equals(head.key)); ) {
      n.queue.poll();
      n.admittedKey = head.key;
      n.inFlight++;
      head.isAdmitted = true;
      head.admitted.signal();
    }
  }

  private void dropIfUnused(String name, Name n) {
    if (n.inFlight == 0 && n.queue.isEmpty()) {
      names.remove(name);
    }
  }

  /** One admitted request; {@link #close()} once. */
  final class Admitted implements AutoCloseable {
    private final String name;
    private boolean closed;

    private Admitted(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (closed) {
          throw new IllegalStateException("SNMPv3 admission for '" + name + "' closed twice");
        }
        closed = true;
        Name n = names.get(name);
        if (--n.inFlight == 0) {
          n.admittedKey = null;
          admitWaiters(n);
        }
        dropIfUnused(name, n);
      } finally {
        lock.unlock();
      }
    }
  }
}
