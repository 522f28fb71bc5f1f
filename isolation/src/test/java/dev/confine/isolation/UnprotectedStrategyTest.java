package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.contract.ContractWorkloads;
import dev.confine.isolation.contract.ContractWorkloads.RaceReport;
import dev.confine.isolation.testing.CounterState;
import dev.confine.isolation.testing.InstanceCounterBackend;
import dev.confine.isolation.testing.RacyCounterBackend;
import dev.confine.core.Backend;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract's shared-state workload, run with no strategy, must break: otherwise the contract
 * passing would prove nothing. Runs rounds until a race shows (it shows in the first round in
 * practice: 8 threads, a 3 µs read-modify-write window); failing to see one in 20 rounds is a
 * failure of the test backend, not luck.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnprotectedStrategyTest {

  @Test
  void processScopedCounter_withoutAStrategy_losesUpdatesOrOverlaps() throws Exception {
    assertRaceShows(new RacyCounterBackend());
  }

  @Test
  void instanceScopedCounter_sharedByCallersWithoutAStrategy_losesUpdatesOrOverlaps() throws Exception {
    assertRaceShows(new InstanceCounterBackend());
  }

  private static void assertRaceShows(Backend<CounterState> backend) throws Exception {
    try (Isolated<CounterState> unprotected = Isolated.newBuilder(backend).strategy(new UnprotectedStrategy()).open()) {
      RaceReport report = null;
      for (int round = 0; round < 20; round++) {
        report = ContractWorkloads.racyIncrements(unprotected, 8, 150);
        if (!report.clean()) {
          break;
        }
      }
      RaceReport last = report;
      assertFalse(last.clean(), () -> "no race seen without a strategy in 20 rounds: " + last);
      assertTrue(last.overlaps() > 0 || last.lostOrDuplicated() > 0);
    }
  }
}
