package dev.confine.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.core.CallTimeoutException;
import dev.confine.core.Deadline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UsmAdmissionTest {
  private final UsmAdmission admission = new UsmAdmission();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Enters on another thread; the future completes with the admission once admitted. */
  private CompletableFuture<UsmAdmission.Admitted> enterAsync(String name, Object key) {
    return CompletableFuture.supplyAsync(() -> admission.enter(name, key, Deadline.none()), pool);
  }

  /** Waits (without sleeping) until {@code name} has {@code n} waiters queued. */
  private void awaitQueued(String name, int n) {
    awaitTrue(() -> admission.queued(name) == n, n + " waiter(s) on " + name);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("never reached: " + what);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void sameKeys_areAdmittedTogether() {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    UsmAdmission.Admitted b = admission.enter("user", "k1", Deadline.none());
    a.close();
    b.close();
    assertEquals(0, admission.activeNames());
  }

  @Test
  void otherKeys_waitUntilTheGroupInFlightHasFinished() throws Exception {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    UsmAdmission.Admitted b = admission.enter("user", "k1", Deadline.none());
    CompletableFuture<UsmAdmission.Admitted> other = enterAsync("user", "k2");
    awaitQueued("user", 1);
    a.close();
    assertFalse(other.isDone(), "admitted while a request with other keys was still in flight");
    b.close();
    other.get(20, TimeUnit.SECONDS).close();
    assertEquals(0, admission.activeNames());
  }

  @Test
  void differentNames_neverWaitForEachOther() {
    try (UsmAdmission.Admitted a = admission.enter("alice", "k1", Deadline.none());
        UsmAdmission.Admitted b = admission.enter("bob", "k2", Deadline.none())) {
      assertEquals(2, admission.activeNames());
    }
  }

  @Test
  void aWaiter_stopsLaterArrivalsWithTheKeysInFlight_soItIsNotStarved() throws Exception {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    CompletableFuture<UsmAdmission.Admitted> other = enterAsync("user", "k2");
    awaitQueued("user", 1);
    CompletableFuture<UsmAdmission.Admitted> late = enterAsync("user", "k1");
    awaitQueued("user", 2);
    a.close();
    UsmAdmission.Admitted o = other.get(20, TimeUnit.SECONDS);
    assertFalse(late.isDone(), "a later request with the first keys overtook the waiting one");
    o.close();
    late.get(20, TimeUnit.SECONDS).close();
  }

  @Test
  void consecutiveWaitersWithOneKeySet_areAdmittedTogether() throws Exception {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    CompletableFuture<UsmAdmission.Admitted> w1 = enterAsync("user", "k2");
    awaitQueued("user", 1);
    CompletableFuture<UsmAdmission.Admitted> w2 = enterAsync("user", "k2");
    awaitQueued("user", 2);
    a.close();
    w1.get(20, TimeUnit.SECONDS).close();
    w2.get(20, TimeUnit.SECONDS).close();
  }

  @Test
  void exclusive_waitsForEveryoneAndLetsNobodyJoin() throws Exception {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    CompletableFuture<UsmAdmission.Admitted> alone = enterAsync("user", UsmAdmission.exclusive());
    awaitQueued("user", 1);
    a.close();
    UsmAdmission.Admitted x = alone.get(20, TimeUnit.SECONDS);
    CompletableFuture<UsmAdmission.Admitted> later = enterAsync("user", "k1");
    awaitQueued("user", 1);
    assertFalse(later.isDone());
    x.close();
    later.get(20, TimeUnit.SECONDS).close();
  }

  @Test
  void aTimedOutWaiter_leavesTheQueue_andTheOnesBehindItGoIn() throws Exception {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> admission.enter("user", "k2", Deadline.after(Duration.ofMillis(50))));
    assertTrue(e.getMessage().contains("'user'") && e.getMessage().contains("raise the timeout"), e.getMessage());
    assertEquals(0, admission.queued("user"));
    // with nobody else waiting, the keys in flight may be joined again at once
    admission.enter("user", "k1", Deadline.none()).close();
    a.close();
    assertEquals(0, admission.activeNames());
  }

  @Test
  void closingTwice_isAnError() {
    UsmAdmission.Admitted a = admission.enter("user", "k1", Deadline.none());
    a.close();
    assertThrows(IllegalStateException.class, a::close);
  }
}
