package dev.confine.snmp.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short demo run: every strategy row polls without errors, and the table and progress bar appear. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PollingDemoTest {
  @Test
  void shortRun_everyStrategyRow_hasOperationsAndNoErrors() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    List<PollingDemo.Row> rows;
    try (PrintStream p = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
      rows = PollingDemo.run(4, 1, p);
    }
    assertEquals(PollingDemo.strategies().size() * 3 + 3, rows.size());
    for (PollingDemo.Row r : rows) {
      if (r.strategy().startsWith("no locks")) continue; // the unprotected run may fail: that is its point
      assertEquals(0, r.errors(), r.toString());
      assertTrue(r.opsPerSecond() > 0, r.toString());
      assertTrue(r.p50Millis() <= r.p99Millis(), r.toString());
    }
    assertTrue(rows.stream().anyMatch(r -> r.strategy().startsWith("no locks") && r.version().equals("v3 authPriv")));
    // behind the relay the wait dominates: in one process v3 requests go one at a time (global
    // mutex), four workers let four wait at once; 1.5x leaves room for a loaded machine (about 3-4x quiet)
    double inModuleFar = rows.stream().filter(r -> r.strategy().startsWith("in-module") && r.version().equals(PollingDemo.FAR_V3)).findFirst().orElseThrow().opsPerSecond();
    double childFar = rows.stream().filter(r -> r.strategy().equals("child-processes(4)") && r.version().equals(PollingDemo.FAR_V3)).findFirst().orElseThrow().opsPerSecond();
    assertTrue(childFar > 1.5 * inModuleFar, "v3 at 5 ms RTT: child-processes(4) " + childFar + " ops/s vs in-module " + inModuleFar);
    assertTrue(inModuleFar < 1.2 * 1000.0 / PollingDemo.RELAY_ROUND_TRIP.toMillis(), "in-module v3 cannot beat one request per round trip: " + inModuleFar);
    String table = PollingDemo.table(rows, 4, 1);
    assertTrue(table.contains("| strategy") && table.contains("child-processes(4)") && table.contains("v3 authPriv ops/s") && table.contains("at 5 ms RTT"), table);
    String bar = progress.toString(StandardCharsets.UTF_8);
    assertTrue(bar.contains("100%") && bar.contains("done"), bar);
  }
}
