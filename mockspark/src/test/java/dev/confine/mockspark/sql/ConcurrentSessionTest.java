package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrentSessionTest {
  private static final int THREADS = 16;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sixteenThreadsCreateWriteAndReadEachOthersTablesInOneSession() throws Exception {
    SparkSession spark = SparkSession.builder().getOrCreate().newSession();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CyclicBarrier created = new CyclicBarrier(THREADS);
      CyclicBarrier written = new CyclicBarrier(THREADS);
      List<Future<List<List<Long>>>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int me = t;
        results.add(pool.submit(() -> {
          // every thread creates its own schema and table, and all of them the shared one (DDL under contention)
          spark.sql("CREATE SCHEMA s" + me);
          spark.sql("CREATE TABLE s" + me + ".t (v BIGINT)");
          spark.sql("CREATE TABLE IF NOT EXISTS shared (writer INT, v BIGINT)");
          spark.sql("INSERT INTO s" + me + ".t SELECT id * " + (me + 1) + " FROM range(100)");
          created.await(60, TimeUnit.SECONDS);
          // write into the next thread's table (created on another connection), with SQL and with the writer
          int next = (me + 1) % THREADS;
          spark.sql("INSERT INTO s" + next + ".t VALUES (" + (-1000 - me) + ")");
          spark.range(1).selectExpr("CAST(" + me + " AS INT) AS writer", "CAST(id + " + (10_000 * me) + " AS BIGINT) AS v")
              .write().mode("append").insertInto("shared");
          written.await(60, TimeUnit.SECONDS);
          // then read every table of the session, every value
          List<List<Long>> seen = new ArrayList<>();
          for (int k = 0; k < THREADS; k++) {
            List<Long> values = new ArrayList<>();
            for (Row r : spark.table("s" + k + ".t").orderBy("v").collectAsList()) {
              values.add(r.getLong(0));
            }
            seen.add(values);
          }
          List<Long> shared = new ArrayList<>();
          for (Row r : spark.table("shared").orderBy("writer").collectAsList()) {
            assertEquals(shared.size(), r.getInt(0), "shared row writer");
            shared.add(r.getLong(1));
          }
          seen.add(shared);
          return seen;
        }));
      }
      List<List<Long>> expected = new ArrayList<>();
      for (int k = 0; k < THREADS; k++) {
        List<Long> values = new ArrayList<>();
        values.add(-1000L - (k + THREADS - 1) % THREADS); // written by the previous thread
        for (long i = 0; i < 100; i++) {
          values.add(i * (k + 1));
        }
        expected.add(values);
      }
      List<Long> shared = new ArrayList<>();
      for (long w = 0; w < THREADS; w++) {
        shared.add(10_000L * w);
      }
      expected.add(shared);
      for (int t = 0; t < THREADS; t++) {
        assertEquals(expected, results.get(t).get(60, TimeUnit.SECONDS), "every value seen by thread " + t);
      }
    } finally {
      pool.shutdownNow();
      spark.stop();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightSessionsInParallelDoNotSeeEachOther() throws Exception {
    int n = 8;
    SparkSession base = SparkSession.builder().getOrCreate();
    List<SparkSession> sessions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sessions.add(base.newSession());
    }
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier written = new CyclicBarrier(n);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int me = i;
        results.add(pool.submit(() -> {
          SparkSession s = sessions.get(me);
          s.sql("CREATE TABLE t AS SELECT " + me + " AS owner");
          s.sql("CREATE TABLE own" + me + " AS SELECT 1 AS x");
          written.await(60, TimeUnit.SECONDS);
          assertEquals(1L, s.table("t").count());
          // the next session's table exists by now (barrier), but in another database
          String other = "own" + ((me + 1) % n);
          assertThrows(AnalysisException.class, () -> s.table(other));
          return s.table("t").first().getInt(0);
        }));
      }
      for (int i = 0; i < n; i++) {
        assertEquals(i, results.get(i).get(60, TimeUnit.SECONDS), "session " + i + " sees only its own table");
      }
    } finally {
      pool.shutdownNow();
      sessions.forEach(SparkSession::stop);
      base.stop();
    }
  }
}
