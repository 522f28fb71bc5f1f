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
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int me = t;
        results.add(pool.submit(() -> {
          spark.sql("CREATE SCHEMA s" + me);
          spark.sql("CREATE TABLE s" + me + ".t (v BIGINT)");
          spark.sql("INSERT INTO s" + me + ".t SELECT range * " + (me + 1) + " FROM range(100)");
          created.await(60, TimeUnit.SECONDS);
          // read the next thread's table, written on another connection
          int other = (me + 1) % THREADS;
          return spark.table("s" + other + ".t").agg(functions.sum("v")).first().getLong(0);
        }));
      }
      for (int t = 0; t < THREADS; t++) {
        long other = (t + 1) % THREADS + 1;
        assertEquals(4950L * other, results.get(t).get(60, TimeUnit.SECONDS), "sum seen by thread " + t);
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
