package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class DdlContentionTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 20;
  private static final int MAX_ROUNDS = 2_000;

  /**
   * Races THREADS threads on the same CREATE ... IF NOT EXISTS per round, for {@code rounds} rounds or until the
   * first failure if {@code untilFirstFailure}; returns the failures seen.
   */
  private static List<String> race(boolean protect, int rounds, boolean untilFirstFailure) throws Exception {
    SparkSession spark = SparkSession.builder().getOrCreate().newSession();
    SparkSession s = protect ? spark : null;
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    SparkSession target = s != null ? s : unprotected();
    if (s == null) {
      spark.stop();
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int r = 0; r < rounds && !(untilFirstFailure && !failures.isEmpty()); r++) {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        int round = r;
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          fs.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            try {
              target.sql("CREATE SCHEMA IF NOT EXISTS sch" + round);
              target.sql("CREATE TABLE IF NOT EXISTS sch" + round + ".tbl (v INT)");
            } catch (RuntimeException e) {
              failures.add(String.valueOf(e.getMessage()));
            }
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(0L, target.table("sch" + round + ".tbl").count());
      }
    } finally {
      pool.shutdownNow();
      target.stop();
    }
    return failures;
  }

  private static SparkSession unprotected() {
    return SparkSession.builder().getOrCreate().newSessionWith("confine.ddl.protect", "false");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sixteenThreadsRacingTheSameDdlNeverSeeAWriteWriteConflict() throws Exception {
    assertEquals(List.of(), race(true, ROUNDS, false));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void withoutLockAndRetryTheConflictSurfaces() throws Exception {
    // how soon the threads overlap depends on the machine's load: race until the first conflict (typically in the
    // first rounds; 20 rounds were not always enough on a loaded 2-core machine), never more than MAX_ROUNDS
    List<String> failures = race(false, MAX_ROUNDS, true);
    assertTrue(failures.stream().anyMatch(m -> m.contains("write-write conflict")),
        "expected DuckDB's write-write conflict without the mechanism, got " + failures.size() + " failures");
  }
}
