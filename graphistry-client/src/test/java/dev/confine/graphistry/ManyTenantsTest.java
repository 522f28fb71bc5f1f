package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 tenants, each with its own account, org, client and data, plot concurrently from a pool;
 * every token expires mid-run (while half of the first round is still in flight). Each dataset must
 * land under its tenant and org with exactly its tenant's cells, and each client renews exactly once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ManyTenantsTest {
  static final int TENANTS = 100;

  record Job(int tenant, Future<PlotResult> result) {}

  @Test
  void hundredTenants_concurrentPlots_tokensExpireMidRun_noCrossTalk() throws Exception {
    try (FakeGraphistryServer server = FakeGraphistryServer.start()) {
      List<GraphistryClient> clients = new ArrayList<>();
      List<Table> tables = new ArrayList<>();
      for (int t = 0; t < TENANTS; t++) {
        server.addUser("user" + t, "pw" + t, "org" + t);
        clients.add(Fixtures.password(server, "user" + t, "pw" + t, "org" + t));
        tables.add(Table.ofRows(Fixtures.edgeRows("tenant" + t, 5 + t % 7)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Job> jobs = new ArrayList<>();
      CountDownLatch firstHalfDone = new CountDownLatch(TENANTS);
      try {
        for (int round = 0; round < 2; round++) {
          for (int t = 0; t < TENANTS; t++) {
            int tenant = t;
            jobs.add(new Job(t, pool.submit(() -> {
              try {
                return clients.get(tenant).plottable().edges(tables.get(tenant), "src", "dst").name("t" + tenant).plot();
              } finally {
                firstHalfDone.countDown();
              }
            })));
          }
        }
        firstHalfDone.await(60, TimeUnit.SECONDS);
        server.expireTokens(); // the other 100 plots are queued or in flight
        for (int t = 0; t < TENANTS; t++) {
          int tenant = t;
          jobs.add(new Job(t, pool.submit(
              () -> clients.get(tenant).plottable().edges(tables.get(tenant), "src", "dst").name("t" + tenant).plot())));
        }
        for (Job j : jobs) {
          PlotResult r = j.result().get(60, TimeUnit.SECONDS);
          FakeGraphistryServer.Dataset d = server.dataset(r.datasetId());
          String tag = "tenant" + j.tenant();
          assertEquals("user" + j.tenant(), d.owner);
          assertEquals("org" + j.tenant(), d.org);
          assertEquals("t" + j.tenant(), d.request.path("name").asText());
          List<Map<String, Object>> rows = d.edges().rows();
          assertEquals(5 + j.tenant() % 7, rows.size());
          for (int i = 0; i < rows.size(); i++) {
            assertEquals(tag + "-" + i, rows.get(i).get("src"));
            assertEquals(tag + "-" + (i + 1), rows.get(i).get("dst"));
            assertEquals((long) i, rows.get(i).get("weight"));
            assertEquals(tag, rows.get(i).get("tag"));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      // a plot whose token was refused after its dataset was created retries with a new dataset; the
      // orphan still belongs to the right tenant and org
      assertEquals(3 * TENANTS, jobs.stream().map(j -> {
        try {
          return j.result().get().datasetId();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).distinct().count());
      for (FakeGraphistryServer.Dataset d : server.datasets().values()) {
        assertEquals("org" + d.owner.substring(4), d.org, "dataset " + d.id);
      }
      for (int t = 0; t < TENANTS; t++) {
        // one login at start, exactly one renewal (a login: the expired token cannot be refreshed)
        assertEquals(2, clients.get(t).logins(), "logins of tenant " + t);
        assertEquals(2, server.logins("user" + t), "server-side logins of tenant " + t);
      }
    }
  }
}
