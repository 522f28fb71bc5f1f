package dev.confine.isolation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallRejectedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.IsolationClosedException;
import dev.confine.isolation.Capabilities;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import dev.confine.isolation.QueueFullPolicy;
import dev.confine.isolation.testing.CounterState;
import dev.confine.isolation.testing.InstanceCounterBackend;
import dev.confine.isolation.testing.RacyCounterBackend;
import dev.confine.isolation.testing.TestCalls;
import dev.confine.isolation.testing.TestCalls.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The behaviour every isolation strategy promises (the invariants of {@link Isolated}), written
 * once. A strategy's test subclasses this and names the strategy; capabilities that differ between
 * strategies ({@link Capabilities}) gate the tests that need them. Every test is checked for
 * leaked threads and child processes afterwards.
 *
 * <p>The shared-state tests use a backend whose counter really breaks under concurrent calls;
 * {@code UnprotectedStrategyTest} runs the same workload with no strategy and shows it breaking,
 * so a pass here means something.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(NoLeaksExtension.class)
public abstract class IsolationContract {

  /** The strategy under test. */
  protected abstract Isolation strategy();

  /**
   * The racy backend to use: the PROCESS-scoped one where the strategy allows it (one owner, or
   * separate processes), otherwise the INSTANCE-scoped one.
   */
  protected Backend<CounterState> backend() {
    return processScopedAllowed() ? new RacyCounterBackend() : new InstanceCounterBackend();
  }

  /** Whether the strategy can serve a PROCESS-scoped backend. Thread-confined with N > 1 cannot. */
  protected boolean processScopedAllowed() {
    return true;
  }

  /** How many owners (threads or workers) the strategy has. */
  protected abstract int owners();

  private final List<Isolated<?>> opened = new ArrayList<>();

  protected Isolated<CounterState> open() {
    return open(b -> b);
  }

  protected Isolated<CounterState> open(
      java.util.function.UnaryOperator<Isolated.Builder<CounterState>> configure) {
    Isolated<CounterState> isolated =
        configure
            .apply(Isolated.newBuilder(backend()).strategy(strategy()).defaultTimeout(Duration.ofSeconds(30)))
            .open();
    opened.add(isolated);
    return isolated;
  }

  @AfterEach
  void closeOpened() {
    TestCalls.releaseParked();
    opened.forEach(Isolated::close);
  }

  private Capabilities caps() {
    return strategy().capabilities();
  }

  /** Occupies every owner with a long Park; returns the futures (released in tearDown). */
  private List<CompletableFuture<String>> occupyAllOwners(Isolated<CounterState> isolated) {
    List<CompletableFuture<String>> parks = new ArrayList<>();
    for (int i = 0; i < owners(); i++) {
      parks.add(isolated.submit(new TestCalls.Park(20_000)));
    }
    ContractWorkloads.awaitCondition(
        "all " + owners() + " owners running a Park", () -> isolated.stats().running() >= owners(), 30_000);
    return parks;
  }

  // ---- invariant 1: no concurrent calls on shared state ----

  @Test
  void sharedState_isNeverTouchedByTwoCallsAtOnce() throws Exception {
    Isolated<CounterState> isolated = open();
    ContractWorkloads.RaceReport report = ContractWorkloads.racyIncrements(isolated, 8, 150);
    assertEquals(8 * 150, report.calls());
    assertTrue(report.clean(), () -> "race detected under " + strategy().name() + ": " + report);
  }

  @Test
  void parallelAcrossInstances_callsOnDifferentOwnersOverlap() {
    assumeTrue(caps().parallelAcrossInstances(), "strategy runs one call at a time");
    Isolated<CounterState> isolated = open();
    occupyAllOwners(isolated);
    assertEquals(owners(), isolated.stats().running(), "every owner runs a call at the same time");
  }

  // ---- invariant 2: handles are pinned to their owner ----

  @Test
  void handle_everyCallRunsOnTheOwnerThatOpenedIt() throws Exception {
    Isolated<CounterState> isolated = open();
    ExecutorService callers = Executors.newFixedThreadPool(6);
    try {
      List<Handle> sessions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        sessions.add(isolated.call(new TestCalls.OpenSession("s" + i)));
      }
      Map<Handle, Location> first = new ConcurrentHashMap<>();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        done.add(
            callers.submit(
                () -> {
                  for (int i = 0; i < 30; i++) {
                    for (Handle h : sessions) {
                      Location at = isolated.call(new TestCalls.UseSession(h));
                      Location was = first.putIfAbsent(h, at);
                      if (was != null) {
                        assertEquals(was.pid(), at.pid(), h + " moved to another process");
                        assertEquals(was.owner(), at.owner(), h + " moved to another owner");
                        if (!caps().crossesProcessBoundary() && strategy().name().startsWith("thread-confined")) {
                          assertEquals(was.thread(), at.thread(), h + " moved to another thread");
                        }
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertEquals(6, first.size());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void handle_afterClose_failsWithHandleLost() {
    Isolated<CounterState> isolated = open();
    Handle h = isolated.call(new TestCalls.OpenSession("gone"));
    assertTrue(isolated.call(new TestCalls.CloseSession(h)));
    HandleLostException e = assertThrows(HandleLostException.class, () -> isolated.call(new TestCalls.UseSession(h)));
    assertTrue(e.getMessage().contains(h.toString()), e.getMessage());
  }

  @Test
  void handle_neverIssued_failsWithHandleLost() {
    Isolated<CounterState> isolated = open();
    Handle forged = new Handle(987_654_321L, "session");
    assertThrows(HandleLostException.class, () -> isolated.call(new TestCalls.UseSession(forged)));
  }

  // ---- invariant 3: every call ends with its result or a clear error ----

  @Test
  void backendException_keepsItsTypeMessageAndStackTrace() {
    Isolated<CounterState> isolated = open();
    BackendException e = assertThrows(BackendException.class, () -> isolated.call(new TestCalls.Fail("boom 42")));
    assertEquals(IllegalStateException.class.getName(), e.remoteType());
    assertEquals("boom 42", e.remoteMessage());
    assertTrue(e.isA(IllegalStateException.class));
    assertTrue(e.remoteStackTrace().contains("TestCalls$Fail.apply"), e.remoteStackTrace());
    assertTrue(e.getMessage().contains("boom 42"), e.getMessage());
    // the owner survives and serves the next call
    assertEquals("parked", isolated.call(new TestCalls.Park(0)));
  }

  @Test
  void backendError_isCarriedAndTheOwnerSurvives() {
    Isolated<CounterState> isolated = open();
    BackendException e = assertThrows(BackendException.class, () -> isolated.call(new TestCalls.ThrowError("deep trouble")));
    assertEquals(AssertionError.class.getName(), e.remoteType());
    for (int i = 0; i < owners() * 3; i++) {
      assertEquals("parked", isolated.call(new TestCalls.Park(0)));
    }
  }

  @Test
  void submit_completesWithTheResult_andWithTheBackendsFailure() throws Exception {
    Isolated<CounterState> isolated = open();
    assertEquals("parked", isolated.submit(new TestCalls.Park(0)).get(30, TimeUnit.SECONDS));
    CompletableFuture<String> failing = isolated.submit(new TestCalls.Fail("async boom"));
    CompletionException e = assertThrows(CompletionException.class, failing::join);
    BackendException be = assertInstanceOf(BackendException.class, e.getCause());
    assertEquals("async boom", be.remoteMessage());
  }

  @Test
  void stats_holdEachCallOnceItsCallerHasTheOutcome() {
    Isolated<CounterState> isolated = open();
    Duration before = isolated.stats().totalCallTime();
    long succeededBefore = isolated.stats().succeeded();
    for (int i = 1; i <= 300; i++) {
      isolated.call(new TestCalls.Park(0));
      var stats = isolated.stats();
      assertEquals(succeededBefore + i, stats.succeeded(), "call " + i + " is counted as succeeded");
      assertEquals(0, stats.running(), "call " + i + " is still running in stats() after its caller returned");
      assertTrue(stats.totalCallTime().compareTo(before) > 0, "call " + i + "'s time is in totalCallTime");
      before = stats.totalCallTime();
    }
  }

  @Test
  void stats_countWhatHappened() {
    Isolated<CounterState> isolated = open();
    isolated.call(new TestCalls.Park(20)); // runs 20 ms: nobody releases it
    assertThrows(BackendException.class, () -> isolated.call(new TestCalls.Fail("x")));
    var stats = isolated.stats();
    assertTrue(
        stats.totalCallTime().compareTo(Duration.ofMillis(20)) >= 0,
        "totalCallTime " + stats.totalCallTime() + " covers the 20 ms call");
    assertEquals(2, stats.submitted());
    assertEquals(1, stats.succeeded());
    assertEquals(1, stats.failed());
    assertEquals(owners(), stats.owners());
    assertEquals(strategy().name(), stats.strategy());
  }

  // ---- invariant 4: deadlines and interrupts ----

  @Test
  void deadline_passingWhileQueued_failsWithATimeoutThatSaysTheCallDidNotRun() {
    Isolated<CounterState> isolated = open();
    occupyAllOwners(isolated);
    CallTimeoutException e =
        assertThrows(
            CallTimeoutException.class,
            () -> isolated.call(new dev.confine.isolation.testing.Increment(), Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("did not run") || e.getMessage().contains("will not run"), e.getMessage());
    assertEquals(1, isolated.stats().timedOut());
  }

  @Test
  void submit_withATimeout_failsTheFutureAtTheDeadline() {
    Isolated<CounterState> isolated = open();
    occupyAllOwners(isolated);
    CompletableFuture<String> late = isolated.submit(new TestCalls.Park(0), Duration.ofMillis(100));
    ExecutionExceptionAssert.failsWith(late, CallTimeoutException.class);
    assertEquals(1, isolated.stats().timedOut());
  }

  /**
   * A caller's own callback on the future it got from submit (and so a caller woken by it) sees
   * the outcome counted. Deterministic: dependents of a future run last-registered first, so a
   * count hung on the same future would run after the caller's callback and miss it.
   */
  @Test
  void stats_countASubmittedCallsOutcomeBeforeItsFutureCompletes() throws Exception {
    Isolated<CounterState> isolated = open();
    CompletableFuture<String> seenOnSuccess = new CompletableFuture<>();
    CompletableFuture<String> ok = isolated.submit(new TestCalls.Park(0));
    ok.whenComplete((r, e) -> seenOnSuccess.complete("succeeded=" + isolated.stats().succeeded()));
    assertEquals("parked", ok.get(30, TimeUnit.SECONDS));
    assertEquals("succeeded=1", seenOnSuccess.get(30, TimeUnit.SECONDS));

    occupyAllOwners(isolated);
    CompletableFuture<String> seenOnTimeout = new CompletableFuture<>();
    CompletableFuture<String> late = isolated.submit(new TestCalls.Park(0), Duration.ofMillis(50));
    late.whenComplete((r, e) -> seenOnTimeout.complete("timedOut=" + isolated.stats().timedOut()));
    ExecutionExceptionAssert.failsWith(late, CallTimeoutException.class);
    assertEquals(
        "timedOut=1",
        seenOnTimeout.get(30, TimeUnit.SECONDS),
        "the caller's callback saw the timeout counted");
  }

  @Test
  void deadline_passingWhileQueued_theCallNeverRuns_counterUnchanged() {
    assumeTrue(owners() == 1, "checked with one owner, whose counter is the only one");
    Isolated<CounterState> isolated = open();
    long before = isolated.call(new TestCalls.Read());
    occupyAllOwners(isolated);
    assertThrows(CallTimeoutException.class, () -> isolated.call(new dev.confine.isolation.testing.Increment(), Duration.ofMillis(50)));
    TestCalls.releaseParked();
    assertEquals(before, isolated.call(new TestCalls.Read()), "the timed-out call ran after all");
  }

  @Test
  void deadline_passingWhileRunning_returnsAtTheDeadline_andDiscardsTheLateResult() {
    assumeTrue(caps().abandonsRunningCalls(), "strategy runs calls on the caller's thread");
    Isolated<CounterState> isolated = open();
    CallTimeoutException e =
        assertThrows(CallTimeoutException.class, () -> isolated.call(new TestCalls.Park(20_000), Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("had started"), e.getMessage());
    // the call is still running: the caller was not kept waiting for it
    assertEquals(1, isolated.stats().running());
    TestCalls.releaseParked();
    assertEquals("parked", isolated.call(new TestCalls.Park(0)));
  }

  @Test
  void interrupt_whileWaiting_endsTheCall_andKeepsTheInterruptFlag() throws Exception {
    Isolated<CounterState> isolated = open();
    occupyAllOwners(isolated);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flag = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread caller =
        new Thread(
            () -> {
              try {
                isolated.call(new TestCalls.Park(0));
              } catch (Throwable t) {
                thrown.set(t);
              } finally {
                flag.set(Thread.currentThread().isInterrupted());
                done.countDown();
              }
            },
            "contract-interrupted-caller");
    caller.start();
    ContractWorkloads.awaitCondition("the caller to wait", () -> isolated.stats().queued() >= 1, 30_000);
    caller.interrupt();
    assertTrue(done.await(30, TimeUnit.SECONDS), "interrupted caller did not return");
    assertInstanceOf(CallInterruptedException.class, thrown.get());
    assertTrue(flag.get(), "interrupt status must be set again");
    assertEquals(1, isolated.stats().interrupted());
  }

  // ---- invariant 5: close ----

  @Test
  void close_isIdempotent_andLaterCallsAreRejected() {
    Isolated<CounterState> isolated = open();
    isolated.call(new TestCalls.Park(0));
    isolated.close();
    isolated.close();
    assertTrue(isolated.isClosed());
    IsolationClosedException e = assertThrows(IsolationClosedException.class, () -> isolated.call(new TestCalls.Park(0)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    CompletionException async = assertThrows(CompletionException.class, () -> isolated.submit(new TestCalls.Park(0)).join());
    assertInstanceOf(IsolationClosedException.class, async.getCause());
  }

  @Test
  void close_failsQueuedCalls_andLetsRunningCallsEnd() throws Exception {
    Isolated<CounterState> isolated = open();
    List<CompletableFuture<String>> parks = occupyAllOwners(isolated);
    List<CompletableFuture<Long>> queued = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      queued.add(isolated.submit(new TestCalls.Read()));
    }
    Thread closer = new Thread(isolated::close, "contract-closer");
    closer.start();
    ContractWorkloads.awaitCondition("close to begin", isolated::isClosed, 30_000);
    TestCalls.releaseParked();
    closer.join(30_000);
    assertFalse(closer.isAlive(), "close() did not return");
    for (CompletableFuture<String> p : parks) {
      assertEquals("parked", p.get(30, TimeUnit.SECONDS), "a running call must be allowed to end");
    }
    for (CompletableFuture<Long> q : queued) {
      ExecutionExceptionAssert.failsWith(q, IsolationClosedException.class);
    }
  }

  // ---- invariant 6: bounded queues ----

  @Test
  void queueFull_withRejectPolicy_rejectsWithoutRunning() {
    Isolated<CounterState> isolated = open(b -> b.queueCapacity(2).whenQueueFull(QueueFullPolicy.REJECT));
    occupyAllOwners(isolated);
    List<CompletableFuture<String>> accepted = new ArrayList<>();
    CallRejectedException rejected = null;
    for (int i = 0; i < owners() * 2 + 4 && rejected == null; i++) {
      try {
        CompletableFuture<String> f = isolated.submit(new TestCalls.Park(0));
        if (f.isCompletedExceptionally()) {
          ExecutionExceptionAssert.failsWith(f, CallRejectedException.class);
          rejected = new CallRejectedException("via future");
        }
        accepted.add(f);
      } catch (CallRejectedException e) {
        rejected = e;
      }
    }
    // a synchronous call sees the same
    if (rejected == null) {
      rejected = assertThrows(CallRejectedException.class, () -> isolated.call(new TestCalls.Park(0)));
    }
    assertTrue(isolated.stats().rejected() >= 1);
  }

  @Test
  void queueFull_withWaitPolicy_waitsUntilTheDeadline() {
    Isolated<CounterState> isolated = open(b -> b.queueCapacity(1).whenQueueFull(QueueFullPolicy.WAIT));
    occupyAllOwners(isolated);
    List<CompletableFuture<String>> fill = new ArrayList<>();
    for (int i = 0; i < owners(); i++) {
      fill.add(isolated.submit(new TestCalls.Park(0), Duration.ofSeconds(30)));
    }
    ConfineException e =
        assertThrows(ConfineException.class, () -> isolated.call(new TestCalls.Park(0), Duration.ofMillis(100)));
    assertInstanceOf(CallTimeoutException.class, e);
  }

  // ---- callers of every kind ----

  @Test
  void virtualThreadCallers_work() throws Exception {
    java.lang.reflect.Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      assumeTrue(false, "virtual threads need Java 21+; this JVM is " + Runtime.version());
      return;
    }
    Isolated<CounterState> isolated = open();
    Object builder = ofVirtual.invoke(null);
    // through the public interface: the builder's own class is not accessible
    java.lang.reflect.Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
    java.util.concurrent.ThreadFactory vf = (java.util.concurrent.ThreadFactory) factory.invoke(builder);
    Map<Integer, Long> results = new HashMap<>();
    List<Thread> threads = new ArrayList<>();
    ConcurrentHashMap<Integer, Long> r = new ConcurrentHashMap<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      Thread t = vf.newThread(() -> r.put(n, isolated.call(new dev.confine.isolation.testing.Increment()).value()));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(60_000);
    }
    results.putAll(r);
    assertEquals(200, results.size());
  }

  @Test
  void nestedCall_fromInsideACall_runsInlineWithoutDeadlock() {
    assumeTrue(!caps().crossesProcessBoundary(), "a call cannot hold a reference to its front across processes");
    Isolated<CounterState> isolated = open();
    String inner = isolated.call((state, ctx) -> isolated.call(new TestCalls.Park(0)), Duration.ofSeconds(10));
    assertEquals("parked", inner);
  }
}
