package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.contract.NoLeaksExtension;
import dev.confine.isolation.testing.FaultBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many callers on a few workers; and workers outliving a killed parent. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(NoLeaksExtension.class)
class ChildProcessLoadTest {
  static final int CALLERS = 64;
  static final int CALLS_EACH = 60;

  @Test
  void sixtyFourCallers_fourWorkers_noResultLostOrDuplicated() throws Exception {
    load(CALLERS, CALLS_EACH, 4, 1);
  }

  /**
   * Several calls in flight per worker: callers that wrote their own call read answers side by
   * side with each other and with the reader thread (each answer is read and booked once, by
   * whoever holds the worker's read turn, and may be another caller's). With four callers on one
   * worker most calls are written and read by their callers; with 64 most take the queue.
   */
  @Test
  void pipelined_callersReadingTheirOwnAnswers_noResultLostOrDuplicated() throws Exception {
    load(4, 1_500, 1, 4);
    load(CALLERS, CALLS_EACH, 2, 4);
  }

  private static void load(int callerCount, int callsEach, int workers, int inFlightPerWorker) throws Exception {
    try (Isolated<FaultBackend.State> isolated =
        Isolated.newBuilder(new FaultBackend())
            .strategy(Isolation.childProcesses(workers, ChildTesting.options().maxInFlightPerWorker(inFlightPerWorker).build()))
            .defaultTimeout(Duration.ofSeconds(60))
            .open()) {
      Set<String> results = ConcurrentHashMap.newKeySet();
      ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
      CyclicBarrier start = new CyclicBarrier(callerCount);
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < callerCount; t++) {
        int caller = t;
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                      String text = caller + ":" + i;
                      String echoed = isolated.call(new FaultBackend.Echo(text));
                      if (!text.equals(echoed)) {
                        throw new AssertionError("asked " + text + ", got " + echoed);
                      }
                      if (!results.add(echoed)) {
                        throw new AssertionError("duplicate result " + echoed);
                      }
                    }
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                },
                "load-caller-" + t);
        th.start();
        callers.add(th);
      }
      for (Thread th : callers) {
        th.join(100_000);
        assertTrue(!th.isAlive(), th.getName() + " hung");
      }
      if (!errors.isEmpty()) {
        AssertionError e = new AssertionError(errors.size() + " callers failed");
        errors.forEach(e::addSuppressed);
        throw e;
      }
      assertEquals(callerCount * callsEach, results.size());
      var stats = isolated.stats();
      assertEquals(callerCount * callsEach, stats.succeeded());
      assertEquals(0, stats.failed());
      assertEquals(0, stats.restarts());
    }
  }

  @Test
  void workersExitByThemselves_whenTheirParentJvmIsKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process parent =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<Long> workers = new ArrayList<>();
    try (AutoCloseable killParent = parent::destroyForcibly;
        BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      assertTrue(line != null && line.startsWith("workers "), "parent said: " + line);
      for (String pid : line.substring("workers ".length()).split(",")) {
        workers.add(Long.parseLong(pid.trim()));
      }
      assertEquals(2, workers.size());
      for (long pid : workers) {
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " not running");
      }
      parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    }
    for (long pid : workers) {
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
      assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "orphaned worker " + pid + " still runs");
    }
  }

  /** A parent JVM that opens two workers, prints their pids and waits to be killed. */
  public static final class OrphanParentMain {
    public static void main(String[] args) throws Exception {
      @SuppressWarnings("resource")
      Isolated<FaultBackend.State> isolated =
          Isolated.newBuilder(new FaultBackend()).strategy(Isolation.childProcesses(2)).open();
      List<Long> pids = ((ChildProcessIsolated<FaultBackend.State>) isolated).workerPids();
      StringBuilder b = new StringBuilder("workers ");
      for (int i = 0; i < pids.size(); i++) {
        b.append(i == 0 ? "" : ",").append(pids.get(i));
      }
      System.out.println(b);
      System.out.flush();
      new java.util.concurrent.CountDownLatch(1).await();
    }
  }
}
