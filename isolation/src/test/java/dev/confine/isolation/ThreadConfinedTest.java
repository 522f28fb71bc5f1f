package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.core.BackendConfig;
import dev.confine.core.BackendException;
import dev.confine.isolation.contract.NoLeaksExtension;
import dev.confine.isolation.testing.CounterState;
import dev.confine.isolation.testing.InstanceCounterBackend;
import dev.confine.isolation.testing.RacyCounterBackend;
import dev.confine.isolation.testing.TestCalls;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the thread-confined strategy promises, beyond the contract. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NoLeaksExtension.class)
class ThreadConfinedTest {

  @Test
  void processScopedBackend_withSeveralOwners_isAConfigurationError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Isolated.newBuilder(new RacyCounterBackend()).strategy(Isolation.threadConfined(4)).open());
    assertTrue(e.getMessage().contains(RacyCounterBackend.ID), e.getMessage());
    assertTrue(e.getMessage().contains("threadConfined(1)"), "says how to fix it: " + e.getMessage());
  }

  @Test
  void ownerThread_isTheSameThreadForItsWholeLife_evenAfterFailures() {
    try (Isolated<CounterState> isolated =
        Isolated.newBuilder(new InstanceCounterBackend()).strategy(Isolation.threadConfined(1)).open()) {
      Thread first = isolated.call((s, c) -> Thread.currentThread());
      assertThrows(BackendException.class, () -> isolated.call(new TestCalls.Fail("x")));
      assertThrows(BackendException.class, () -> isolated.call(new TestCalls.ThrowError("y")));
      assertThrows(BackendException.class, () -> isolated.call((s, c) -> { throw new OutOfMemoryError("simulated"); }));
      assertSame(first, isolated.call((s, c) -> Thread.currentThread()));
      assertTrue(first.getName().startsWith("confine-" + InstanceCounterBackend.ID + "-owner-0"), first.getName());
    }
  }

  @Test
  void openFailure_isReportedWithTheBackendsMessage_andStopsTheOwners() {
    BackendException e =
        assertThrows(
            BackendException.class,
            () ->
                Isolated.newBuilder(new RacyCounterBackend())
                    .strategy(Isolation.threadConfined(1))
                    .config(BackendConfig.of(Map.of("fail-open", "no licence")))
                    .open());
    assertTrue(e.getMessage().contains("no licence"), e.getMessage());
  }

  @Test
  void builder_rejectsBadValues_namingThem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Isolation.threadConfined(0)).getMessage().contains("0"));
    Isolated.Builder<CounterState> b = Isolated.newBuilder(new InstanceCounterBackend());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.defaultTimeout(Duration.ofMillis(-5))).getMessage().contains("defaultTimeout"));
    assertThrows(IllegalArgumentException.class, () -> b.queueCapacity(0));
    assertThrows(NullPointerException.class, () -> b.strategy(null));
    try (Isolated<CounterState> isolated = b.strategy(Isolation.threadConfined(1)).open()) {
      assertThrows(NullPointerException.class, () -> isolated.call(null));
      assertThrows(IllegalArgumentException.class, () -> isolated.call(new TestCalls.Read(), Duration.ZERO));
      assertEquals("thread-confined(1)", isolated.strategy().name());
    }
  }
}
