package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientAuthTest {
  FakeGraphistryServer server;
  final Table edges = Table.ofRows(Fixtures.edgeRows("t", 3));

  @BeforeEach
  void start() {
    server = FakeGraphistryServer.start().addUser("alice", "s3cret-pw", "acme").addApiKey("kid", "ksecret", "alice");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PlotResult plot(GraphistryClient c) {
    return c.plottable().edges(edges, "src", "dst").plot();
  }

  @Test
  void passwordLogin_plotsIntoTheOrg() {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", "acme");
    PlotResult r = plot(c);
    assertEquals("acme", server.dataset(r.datasetId()).org);
    assertEquals("alice", server.dataset(r.datasetId()).owner);
    assertEquals(1, c.logins());
  }

  @Test
  void apiKeyLogin_works() {
    GraphistryClient c = Fixtures.http(server).apiKey("kid", "ksecret").build();
    PlotResult r = plot(c);
    assertEquals("alice", server.dataset(r.datasetId()).owner);
    assertEquals("alice", server.dataset(r.datasetId()).org, "personal org");
  }

  @Test
  void ssoFlow_opensTheUrlAndPollsUntilDone() {
    server.ssoUser("alice");
    List<URI> opened = new ArrayList<>();
    HttpClient browser = HttpClient.newHttpClient();
    GraphistryClient c = Fixtures.http(server)
        .sso(null, url -> {
          opened.add(url);
          try { // the "user" logs in at the identity provider
            browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, Duration.ofSeconds(10))
        .ssoPollInterval(Duration.ofMillis(20)).build();
    PlotResult r = plot(c);
    assertEquals(1, opened.size());
    assertTrue(opened.get(0).getPath().startsWith("/fake-idp/"));
    assertEquals("alice", server.dataset(r.datasetId()).owner);
  }

  @Test
  void unreachableServer_saysNothingWasSentAndWhatToCheck() throws Exception {
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    GraphistryClient c =
        GraphistryClient.newBuilder().protocol("http").server("127.0.0.1:" + closedPort).passwordLogin("alice", "s3cret-pw").build();
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(
        e.getMessage().contains("cannot connect to http://127.0.0.1:" + closedPort + " for POST /api-token-auth/")
            && e.getMessage().contains("nothing was sent")
            && e.getMessage().contains("connection refused"),
        e.getMessage());
  }

  @Test
  void ssoFlow_timesOutClearly() {
    GraphistryClient c = Fixtures.http(server).sso(null, url -> {}, Duration.ofMillis(200))
        .ssoPollInterval(Duration.ofMillis(20)).build();
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(e.getMessage().contains("SSO login"), e.getMessage());
  }

  @Test
  void concurrentFirstUse_logsInOnce() throws Exception {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", null);
    int threads = 16;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<PlotResult>> fs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        fs.add(pool.submit(() -> {
          barrier.await();
          return plot(c);
        }));
      }
      for (Future<PlotResult> f : fs) {
        assertNotNull(f.get().datasetId());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, server.logins("alice"));
    assertEquals(1, c.logins());
  }

  @Test
  void expiredToken_401_renewsOnceForManyThreads() throws Exception {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", "acme");
    plot(c);
    server.expireTokens();
    int threads = 12;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<PlotResult>> fs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        fs.add(pool.submit(() -> {
          barrier.await();
          return plot(c);
        }));
      }
      for (Future<PlotResult> f : fs) {
        assertEquals("acme", server.dataset(f.get().datasetId()).org);
      }
    } finally {
      pool.shutdownNow();
    }
    // the expired token cannot be refreshed, so the one renewal is a full login with alice's credentials
    assertEquals(2, c.logins());
    assertEquals(0, c.refreshes());
    assertEquals(2, server.logins("alice"));
  }

  @Test
  void tokenNearExpiry_isRefreshedAhead() {
    MutableClock clock = new MutableClock();
    GraphistryClient c = Fixtures.http(server).passwordLogin("alice", "s3cret-pw").clock(clock)
        .refreshAhead(Duration.ofMinutes(5)).build();
    plot(c);
    clock.advance(Duration.ofMinutes(56)); // 4 minutes before exp: inside the refresh-ahead margin
    plot(c);
    assertEquals(1, c.refreshes());
    assertEquals(1, server.refreshes("alice"));
    assertEquals(1, server.logins("alice"));
  }

  @Test
  void pastTheRefreshWindow_logsInAgainWithOwnCredentials() {
    MutableClock clock = new MutableClock();
    server.addUser("bob", "bob-pw");
    GraphistryClient c = Fixtures.http(server).passwordLogin("alice", "s3cret-pw").clock(clock).build();
    plot(c);
    clock.advance(Duration.ofHours(25));
    server.advanceClock(Duration.ofHours(25));
    PlotResult r = plot(c);
    assertEquals("alice", server.dataset(r.datasetId()).owner);
    assertEquals(2, server.logins("alice"));
    assertEquals(0, server.logins("bob"));
  }

  @Test
  void jwtOnlyClient_plots_thenFailsClearlyWhenItCannotRenew() {
    GraphistryClient c = Fixtures.http(server).jwt(server.issueToken("alice", System.currentTimeMillis() / 1000)).build();
    assertEquals("alice", server.dataset(plot(c).datasetId()).owner);
    server.expireTokens();
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(e.getMessage().contains("JWT-only"), e.getMessage());
  }

  @Test
  void second401_isSurfaced() {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", null);
    plot(c);
    server.failNext(401, 2);
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertEquals(401, e.status());
    assertTrue(e.getMessage().contains("401 twice"), e.getMessage());
  }

  @Test
  void serverError_namesStatusAndMessage() {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", null);
    server.failNext(500, 1);
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertEquals(500, e.status());
    assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
  }

  @Test
  void slowServer_timesOutClearly() {
    GraphistryClient c = Fixtures.http(server).passwordLogin("alice", "s3cret-pw")
        .requestTimeout(Duration.ofMillis(300)).build();
    CountDownLatch gate = new CountDownLatch(1);
    server.gateUploads(gate);
    try {
      GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      assertTrue(e.getMessage().contains("may already have acted"), e.getMessage());
    } finally {
      gate.countDown();
    }
  }

  @Test
  void wrongPassword_failsWithoutLeakingIt() {
    GraphistryClient c = Fixtures.password(server, "alice", "wrong-pw-123", null);
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(e.getMessage().contains("login"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-pw-123"), e.getMessage());
    assertFalse(c.toString().contains("wrong-pw-123"));
    GraphistryClient k = Fixtures.http(server).apiKey("kid", "ksecret").build();
    assertFalse(k.toString().contains("ksecret"));
    assertTrue(k.toString().contains("kid"));
  }

  @Test
  void orgNotAMember_failsClearly() {
    GraphistryClient c = Fixtures.password(server, "alice", "s3cret-pw", "evilcorp");
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(e.getMessage().contains("evilcorp"), e.getMessage());
  }

  @Test
  void switchOrg_changesOrgAndTokenTogether() {
    server.addUser("carol", "pw", "x", "y");
    GraphistryClient c = Fixtures.password(server, "carol", "pw", "x");
    assertEquals("x", server.dataset(plot(c).datasetId()).org);
    c.switchOrg("y");
    assertEquals("y", c.org());
    assertEquals("y", server.dataset(plot(c).datasetId()).org);
  }

  @Test
  void unconfiguredClient_failsClearly() {
    GraphistryClient c = Fixtures.http(server).build();
    GraphistryException e = assertThrows(GraphistryException.class, () -> plot(c));
    assertTrue(e.getMessage().contains("no credentials"), e.getMessage());
  }

  @Test
  void badBuilderInput_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> GraphistryClient.newBuilder().protocol("ftp"));
    assertThrows(IllegalArgumentException.class, () -> GraphistryClient.newBuilder().server("http://x/y"));
    assertThrows(IllegalArgumentException.class, () -> GraphistryClient.newBuilder().requestTimeout(Duration.ZERO));
  }
}
