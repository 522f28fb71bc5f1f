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
    // behind the relay the wait dominates: serialized, v3 requests go one at a time; in one process
    // the default mode releases the global mutex during the wait and four workers each have their
    // own, so the 4 callers wait together; 1.5x leaves room for a loaded machine (about 3-4x quiet)
    double serializedFar = farV3(rows, "serialized");
    double inModuleFar = farV3(rows, "in-module locks (default)");
    double childFar = farV3(rows, "child-processes(4)");
    assertTrue(inModuleFar > 1.5 * serializedFar, "v3 at 5 ms RTT: in-module " + inModuleFar + " ops/s vs serialized " + serializedFar);
    assertTrue(childFar > 1.5 * serializedFar, "v3 at 5 ms RTT: child-processes(4) " + childFar + " ops/s vs serialized " + serializedFar);
    assertTrue(serializedFar < 1.2 * 1000.0 / PollingDemo.RELAY_ROUND_TRIP.toMillis(), "serialized v3 cannot beat one request per round trip: " + serializedFar);
    String table = PollingDemo.table(rows, 4, 1);
    assertTrue(table.contains("| strategy") && table.contains("child-processes(4)") && table.contains("v3 authPriv ops/s") && table.contains("at 5 ms RTT") && table.contains("over serialized: in-module"), table);
    String bar = progress.toString(StandardCharsets.UTF_8);
    assertTrue(bar.contains("100%") && bar.contains("done"), bar);
  }

  private static double farV3(List<PollingDemo.Row> rows, String strategy) {
    return rows.stream().filter(r -> r.strategy().equals(strategy) && r.version().equals(PollingDemo.FAR_V3)).findFirst().orElseThrow().opsPerSecond();
  }
}
