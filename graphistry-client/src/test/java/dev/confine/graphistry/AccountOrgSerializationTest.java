package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clients share one account but plot into different orgs. The server keeps the active org per
 * account, so switch-then-upload must not interleave. The interleaving is forced with the server's
 * upload gate: A switches to org a and is held before creating its dataset; B then switches.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountOrgSerializationTest {
  FakeGraphistryServer server;
  final Table edges = Table.ofRows(Fixtures.edgeRows("o", 2));

  @BeforeEach
  void start() {
    server = FakeGraphistryServer.start().addUser("shared", "pw", "a", "b");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private GraphistryClient client(String org, boolean serialize) {
    return Fixtures.http(server).passwordLogin("shared", "pw").org(org).serializePerAccount(serialize).build();
  }

  @Test
  void withoutThePerAccountLock_datasetsLandInTheWrongOrg() throws Exception {
    GraphistryClient a = client("a", false);
    GraphistryClient b = client("b", false);
    a.plottable().edges(edges, "src", "dst").plot(); // logs in; active org = a
    b.plottable().edges(edges, "src", "dst").plot(); // active org = b
    assertTrue(server.awaitSwitches(2, Duration.ofSeconds(10)));
    CountDownLatch gate = new CountDownLatch(1);
    server.gateUploads(gate);
    CompletableFuture<PlotResult> fa = CompletableFuture.supplyAsync(() -> a.plottable().edges(edges, "src", "dst").plot());
    assertTrue(server.awaitSwitches(1, Duration.ofSeconds(10)), "A switched to a and waits at the gate");
    CompletableFuture<PlotResult> fb = CompletableFuture.supplyAsync(() -> b.plottable().edges(edges, "src", "dst").plot());
    assertTrue(server.awaitSwitches(1, Duration.ofSeconds(10)), "B switched to b behind A's back");
    gate.countDown();
    // A asked for org a but the account's active org was b when A's dataset was created
    assertNotEquals("a", server.dataset(fa.get(30, TimeUnit.SECONDS).datasetId()).org);
    assertEquals("b", server.dataset(fb.get(30, TimeUnit.SECONDS).datasetId()).org);
  }

  @Test
  void withThePerAccountLock_everyDatasetLandsInItsOrg() throws Exception {
    GraphistryClient a = client("a", true);
    GraphistryClient b = client("b", true);
    a.plottable().edges(edges, "src", "dst").plot();
    b.plottable().edges(edges, "src", "dst").plot();
    assertTrue(server.awaitSwitches(2, Duration.ofSeconds(10)));
    CountDownLatch gate = new CountDownLatch(1);
    server.gateUploads(gate);
    CompletableFuture<PlotResult> fa = CompletableFuture.supplyAsync(() -> a.plottable().edges(edges, "src", "dst").plot());
    assertTrue(server.awaitSwitches(1, Duration.ofSeconds(10)), "A switched to a and waits at the gate");
    CompletableFuture<PlotResult> fb = CompletableFuture.supplyAsync(() -> b.plottable().edges(edges, "src", "dst").plot());
    // B cannot switch while A holds the account: no further switch happens before the gate opens
    gate.countDown();
    assertEquals("a", server.dataset(fa.get(30, TimeUnit.SECONDS).datasetId()).org);
    assertEquals("b", server.dataset(fb.get(30, TimeUnit.SECONDS).datasetId()).org);
    for (int i = 0; i < 6; i++) { // alternating plots keep landing right
      GraphistryClient c = i % 2 == 0 ? a : b;
      assertEquals(c.org(), server.dataset(c.plottable().edges(edges, "src", "dst").plot().datasetId()).org);
    }
  }
}
