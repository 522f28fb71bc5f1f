package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamedMutexTest {

  @Test
  void sameName_isTheSameMutex_acrossTheJvm() {
    assertSame(NamedMutex.of("t-same"), NamedMutex.of("t-same"));
    assertThrows(IllegalArgumentException.class, () -> NamedMutex.of(" "));
  }

  @Test
  void holders_neverOverlap() throws Exception {
    NamedMutex mutex = NamedMutex.of("t-overlap");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    long[] plain = {0};
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 2000; i++) {
                  try (NamedMutex.Held h = mutex.lock(Deadline.none())) {
                    if (inside.incrementAndGet() > 1) {
                      overlaps.incrementAndGet();
                    }
                    plain[0]++;
                    inside.decrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    start.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, overlaps.get());
    assertEquals(16_000, plain[0]);
    assertEquals(16_000, mutex.stats().acquisitions());
  }

  @Test
  void isReentrant_andReleasedOnlyByTheLastClose() {
    NamedMutex mutex = NamedMutex.of("t-reentrant");
    try (NamedMutex.Held outer = mutex.lock(Deadline.none())) {
      try (NamedMutex.Held inner = mutex.lock(Deadline.none())) {
        assertTrue(mutex.isHeldByCurrentThread());
      }
      assertTrue(mutex.isHeldByCurrentThread());
    }
    assertFalse(mutex.isHeldByCurrentThread());
  }

  @Test
  void deadline_whileHeldElsewhere_timesOutNamingTheOwner() throws Exception {
    NamedMutex mutex = NamedMutex.of("t-deadline");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread owner =
        new Thread(
            () -> {
              try (NamedMutex.Held h = mutex.lock(Deadline.none())) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "mutex-owner-thread");
    owner.start();
    held.await();
    CallTimeoutException e =
        assertThrows(CallTimeoutException.class, () -> mutex.lock(Deadline.after(Duration.ofMillis(30))));
    assertTrue(e.getMessage().contains("mutex-owner-thread"), e.getMessage());
    assertTrue(e.getMessage().contains("t-deadline"), e.getMessage());
    assertEquals("mutex-owner-thread", mutex.stats().owner());
    assertEquals(1, mutex.stats().timeouts());
    assertTrue(mutex.tryLock().isEmpty());
    release.countDown();
    owner.join();
    assertTrue(mutex.tryLock().map(h -> { h.close(); return true; }).orElse(false));
  }

  @Test
  void interrupt_whileWaiting_throwsAndKeepsTheFlag() throws Exception {
    NamedMutex mutex = NamedMutex.of("t-interrupt");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    try (NamedMutex.Held h = mutex.lock(Deadline.none())) {
      Thread waiter =
          new Thread(
              () -> {
                try {
                  mutex.lock(Deadline.none()).close();
                } catch (Throwable t) {
                  thrown.set(t);
                }
                flag.set(Thread.currentThread().isInterrupted());
              });
      waiter.start();
      while (mutex.stats().waiting() == 0) {
        Thread.onSpinWait();
      }
      waiter.interrupt();
      waiter.join();
    }
    assertTrue(thrown.get() instanceof CallInterruptedException, String.valueOf(thrown.get()));
    assertTrue(flag.get());
  }

  @Test
  void releasingTwice_isAnError() {
    NamedMutex.Held h = NamedMutex.of("t-twice").lock(Deadline.none());
    h.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, h::close);
    assertTrue(e.getMessage().contains("released twice"));
  }

  @Test
  void releaseTimed_returnsTheReadingThatTimedTheHold_andNoneForAReentrantHold() {
    NamedMutex mutex = NamedMutex.of("t-timed");
    long before = System.nanoTime();
    NamedMutex.Held outer = mutex.tryLock().orElseThrow();
    long acquired = outer.acquiredAtNanos();
    assertTrue(acquired >= before, "acquired before the call that took it");
    NamedMutex.Held inner = mutex.lock(Deadline.none());
    assertEquals(acquired, inner.acquiredAtNanos(), "a re-entrant hold reports the outermost acquisition");
    assertEquals(0, inner.releaseTimed(), "a re-entrant release reads no clock");
    assertTrue(mutex.isHeldByCurrentThread());
    Duration holdBefore = mutex.stats().totalHold();
    // hold it for a measurable time without sleeping
    while (System.nanoTime() - acquired < 2_000_000) {
      Thread.onSpinWait();
    }
    long released = outer.releaseTimed();
    assertFalse(mutex.isHeldByCurrentThread());
    assertTrue(released - acquired >= 2_000_000, "released " + (released - acquired) + " ns after acquiring");
    assertEquals(
        released - acquired,
        mutex.stats().totalHold().minus(holdBefore).toNanos(),
        "the returned reading is the one the hold was timed with");
    assertThrows(IllegalStateException.class, outer::releaseTimed);
  }

  @Test
  void deadlineFromAReadingTakenEarlier_countsFromThatReading() {
    long[] now = {1_000};
    Ticker ticker = () -> now[0];
    Deadline d = Deadline.after(Duration.ofNanos(500), ticker, 800);
    assertEquals(300, d.remainingNanos());
    now[0] = 1_300;
    assertTrue(d.isExpired());
    assertSame(Ticker.system(), Ticker.system());
    assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ofNanos(-1), ticker, 0));
  }
}
