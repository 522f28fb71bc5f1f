package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FileIdCacheTest {
  static FileIdCache.Key key(String server, String account, String org, String hash) {
    return new FileIdCache.Key(server, account, org, hash);
  }

  @Test
  void everyKeyPart_separatesEntries() {
    FileIdCache c = new FileIdCache(16);
    c.put(key("s", "a", "o", "h"), "f1");
    assertEquals("f1", c.get(key("s", "a", "o", "h")));
    assertNull(c.get(key("s2", "a", "o", "h")), "other server");
    assertNull(c.get(key("s", "b", "o", "h")), "other account");
    assertNull(c.get(key("s", "a", "o2", "h")), "other org");
    assertNull(c.get(key("s", "a", "o", "h2")), "other content");
  }

  @Test
  void bounded_leastRecentlyUsedGoesFirst() {
    FileIdCache c = new FileIdCache(3);
    for (int i = 0; i < 3; i++) {
      c.put(key("s", "a", "o", "h" + i), "f" + i);
    }
    assertEquals("f0", c.get(key("s", "a", "o", "h0"))); // h1 is now the least recently used
    c.put(key("s", "a", "o", "h3"), "f3");
    assertEquals(3, c.size());
    assertNull(c.get(key("s", "a", "o", "h1")));
    assertEquals("f0", c.get(key("s", "a", "o", "h0")));
    assertEquals("f3", c.get(key("s", "a", "o", "h3")));
  }

  @Test
  void invalidate_dropsOnlyTheStaleId() {
    FileIdCache c = new FileIdCache(4);
    FileIdCache.Key k = key("s", "a", "o", "h");
    c.put(k, "new");
    c.invalidate(k, "old"); // another thread already replaced it: keep the new one
    assertEquals("new", c.get(k));
    c.invalidate(k, "new");
    assertNull(c.get(k));
  }

  @Test
  void badCapacity_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FileIdCache(0));
    assertTrue(e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void manyThreads_neverExceedTheBound_andReadTheirOwnWrites() throws Exception {
    FileIdCache c = new FileIdCache(64);
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String account = "acct" + t;
        results.add(pool.submit(() -> {
          start.await();
          int maxSeen = 0;
          for (int i = 0; i < 20_000; i++) {
            FileIdCache.Key k = key("s", account, "o", "h" + (i % 100));
            c.put(k, account + "-" + i);
            String got = c.get(k);
            // another thread may have evicted it, never replaced it with another tenant's id
            if (got != null && !got.equals(account + "-" + i)) {
              throw new AssertionError("read " + got + " for " + k);
            }
            maxSeen = Math.max(maxSeen, c.size());
          }
          return maxSeen;
        }));
      }
      for (Future<Integer> f : results) {
        assertTrue(f.get(20, TimeUnit.SECONDS) <= 64);
      }
      assertEquals(64, c.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
