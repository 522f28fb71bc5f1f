package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backsOffExponentially_withJitterBelowTheCeiling() throws Exception {
    List<Duration> waits = new ArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.newBuilder()
            .maxAttempts(6)
            .initialDelay(Duration.ofMillis(10))
            .maxDelay(Duration.ofMillis(100))
            .sleeper(waits::add)
            .random(() -> Long.MAX_VALUE) // the top of every range
            .build();
    String result =
        policy.call(
            () -> {
              if (attempts.incrementAndGet() < 6) {
                throw new IOException("write-write conflict");
              }
              return "ok";
            },
            Deadline.none());
    assertEquals("ok", result);
    assertEquals(5, waits.size());
    for (int i = 0; i < waits.size(); i++) {
      Duration ceiling = policy.ceilingAfter(i + 1);
      assertTrue(waits.get(i).compareTo(ceiling) <= 0, "wait " + waits.get(i) + " above " + ceiling);
    }
    assertEquals(Duration.ofMillis(10), policy.ceilingAfter(1));
    assertEquals(Duration.ofMillis(20), policy.ceilingAfter(2));
    assertEquals(Duration.ofMillis(80), policy.ceilingAfter(4));
    assertEquals(Duration.ofMillis(100), policy.ceilingAfter(5), "capped at maxDelay");
  }

  @Test
  void jitter_spreadsWaits() {
    AtomicInteger seq = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.newBuilder().initialDelay(Duration.ofMillis(100)).random(() -> seq.getAndAdd(7_919_111)).build();
    long distinct = java.util.stream.IntStream.range(0, 20).mapToObj(i -> policy.delayAfter(1)).distinct().count();
    assertTrue(distinct > 10, "full jitter gives spread-out waits, got " + distinct + " distinct");
  }

  @Test
  void givesUp_afterMaxAttempts_withEarlierFailuresSuppressed() {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy = RetryPolicy.newBuilder().maxAttempts(3).sleeper(d -> {}).build();
    IOException e =
        assertThrows(
            IOException.class,
            () -> policy.call(() -> { throw new IOException("attempt " + attempts.incrementAndGet()); }, Deadline.none()));
    assertEquals("attempt 3", e.getMessage());
    assertEquals(3, attempts.get());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void doesNotRetry_failuresItIsNotToldTo() {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.newBuilder().retryOn(e -> e instanceof IOException).sleeper(d -> {}).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> policy.call(() -> { attempts.incrementAndGet(); throw new IllegalArgumentException("bad"); }, Deadline.none()));
    assertEquals(1, attempts.get());
  }

  @Test
  void stopsBeforeAWaitThatWouldPassTheDeadline() {
    long[] now = {0};
    Ticker ticker = () -> now[0];
    RetryPolicy policy =
        RetryPolicy.newBuilder()
            .initialDelay(Duration.ofSeconds(1))
            .maxDelay(Duration.ofSeconds(1))
            .random(() -> 1_000_000_000L) // exactly the 1 s ceiling
            .sleeper(d -> now[0] += d.toNanos())
            .build();
    AtomicInteger attempts = new AtomicInteger();
    assertThrows(
        IOException.class,
        () -> policy.call(() -> { attempts.incrementAndGet(); throw new IOException("x"); }, Deadline.after(Duration.ofMillis(2500), ticker)));
    assertEquals(3, attempts.get(), "two 1 s waits fit in 2.5 s, a third does not");
  }

  @Test
  void badSettings_areRejectedWithTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.newBuilder().maxAttempts(0));
    assertTrue(e.getMessage().contains("0"));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.newBuilder().multiplier(0.5));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetryPolicy.newBuilder().initialDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1)).build());
  }
}
