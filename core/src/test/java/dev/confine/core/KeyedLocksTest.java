package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeyedLocksTest {

  @Test
  void sameKey_excludes_differentKeys_doNot() throws Exception {
    KeyedLocks<String> locks = new KeyedLocks<>("table");
    try (KeyedLocks<String>.Held a = locks.lock("a", Deadline.none())) {
      // a different key is free while "a" is held, from another thread
      CountDownLatch gotB = new CountDownLatch(1);
      Thread other =
          new Thread(
              () -> {
                try (KeyedLocks<String>.Held b = locks.lock("b", Deadline.after(Duration.ofSeconds(10)))) {
                  gotB.countDown();
                }
              });
      other.start();
      assertTrue(gotB.await(10, TimeUnit.SECONDS));
      other.join();
      // the same key is not
      Thread same =
          new Thread(
              () ->
                  assertThrows(
                      CallTimeoutException.class, () -> locks.lock("a", Deadline.after(Duration.ofMillis(20)))));
      same.start();
      same.join();
    }
  }

  @Test
  void entries_areDroppedWhenUnused() throws Exception {
    KeyedLocks<Integer> locks = new KeyedLocks<>("session");
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger[] inside = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 3000; i++) {
                  int key = i % 3;
                  try (KeyedLocks<Integer>.Held h = locks.lock(key, Deadline.none())) {
                    if (inside[key].incrementAndGet() > 1) {
                      overlaps.incrementAndGet();
                    }
                    inside[key].decrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(0, overlaps.get());
    assertEquals(0, locks.size(), "no thread holds or waits, so no entry may remain");
  }

  @Test
  void timeout_releasesItsEntry() {
    KeyedLocks<String> locks = new KeyedLocks<>("x");
    assertThrows(NullPointerException.class, () -> locks.lock(null, Deadline.none()));
    assertEquals(0, locks.size());
  }
}
