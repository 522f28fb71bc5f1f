package dev.confine.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.Isolation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-session lock lets v2c requests on different sessions overlap in the default mode, and
 * the serialized strategy does not; the SNMPv3 engine-id discoveries of one user name never overlap
 * in one process (the library probes synchronously inside its send, under the global mutex) but
 * do across child-process workers (v3 requests after discovery: {@link V3InFlightTest}). A
 * loopback agent that answers nothing until it holds two requests at once shows which: it turns each GET into its own response (PDU tag 0xA0 to 0xA2, so
 * every value comes back NULL), but only once the second request has arrived while the first is
 * still unanswered, or after 800 ms alone.
 */
class ParallelSessionsTest {
  private static final Oid OID = Oid.parse("1.3.6.1.2.1.1.5.0");

  /** Runs two GETs on two sessions at once; returns whether the agent saw them overlap. */
  private static boolean overlapped(SnmpClient client) throws Exception {
    try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Target target = Target.v2c("127.0.0.1", agent.getLocalPort(), "public").withTimeout(Duration.ofSeconds(5)).withRetries(0);
      CompletableFuture<Boolean> sawBoth = CompletableFuture.supplyAsync(() -> answerPairs(agent));
      try (SnmpSession a = client.open(target);
          SnmpSession b = client.open(target)) {
        CompletableFuture<VarBind> fa = CompletableFuture.supplyAsync(() -> a.get(OID));
        CompletableFuture<VarBind> fb = CompletableFuture.supplyAsync(() -> b.get(OID));
        assertEquals(new SnmpValue.Null(), fa.get(20, TimeUnit.SECONDS).value());
        assertEquals(new SnmpValue.Null(), fb.get(20, TimeUnit.SECONDS).value());
      }
      return sawBoth.get(20, TimeUnit.SECONDS);
    }
  }

  private static boolean answerPairs(DatagramSocket agent) {
    try {
      DatagramPacket first = receive(agent, 10_000);
      DatagramPacket second = receive(agent, 800);
      boolean both = second != null;
      reply(agent, first);
      if (!both) {
        second = receive(agent, 10_000);
      }
      reply(agent, second);
      return both;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static DatagramPacket receive(DatagramSocket s, int waitMs) throws Exception {
    DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
    s.setSoTimeout(waitMs);
    try {
      s.receive(p);
      return p;
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** v2c message: SEQUENCE { INTEGER version, OCTET STRING community, PDU }; flips the PDU tag. */
  private static void reply(DatagramSocket s, DatagramPacket request) throws Exception {
    byte[] m = Arrays.copyOf(request.getData(), request.getLength());
    int i = 1 + lengthOfLength(m, 1); // past the outer SEQUENCE header
    i += 1 + lengthOfLength(m, i + 1) + length(m, i + 1); // past version
    i += 1 + lengthOfLength(m, i + 1) + length(m, i + 1); // past community
    assertEquals((byte) 0xA0, m[i], "expected a GET PDU");
    m[i] = (byte) 0xA2;
    s.send(new DatagramPacket(m, m.length, request.getSocketAddress()));
  }

  private static int lengthOfLength(byte[] m, int at) {
    return (m[at] & 0x80) == 0 ? 1 : 1 + (m[at] & 0x7F);
  }

  private static int length(byte[] m, int at) {
    if ((m[at] & 0x80) == 0) {
      return m[at];
    }
    int n = 0;
    for (int k = 1; k <= (m[at] & 0x7F); k++) {
      n = (n << 8) | (m[at + k] & 0xFF);
    }
    return n;
  }

  /**
   * Two SNMPv3 sessions send their first request (the engine-id discovery probe) at once to an
   * agent that never answers (3 s timeout, no retry). Returns whether the second probe arrived
   * within 2 s of the first, i.e. while the first was still waiting for its answer.
   */
  private static boolean v3Overlapped(SnmpClient client) throws Exception {
    try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Target target = Target.v3("127.0.0.1", agent.getLocalPort(), UsmUser.noAuth("probe")).withTimeout(Duration.ofSeconds(3)).withRetries(0);
      try (SnmpSession a = client.open(target);
          SnmpSession b = client.open(target)) {
        CompletableFuture<?> fa = CompletableFuture.runAsync(() -> expectTimeout(() -> a.get(OID)));
        CompletableFuture<?> fb = CompletableFuture.runAsync(() -> expectTimeout(() -> b.get(OID)));
        boolean both = receive(agent, 20_000) != null && receive(agent, 2_000) != null;
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
        return both;
      }
    }
  }

  private static void expectTimeout(Runnable r) {
    try {
      r.run();
      throw new AssertionError("a silent agent answered");
    } catch (SnmpTimeoutException expected) {
      // nobody answers
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void inModule_v3EngineIdDiscoveriesOfOneUserName_goOneAtATime() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().open()) {
      assertFalse(v3Overlapped(c), "two v3 engine-id discoveries of one user were in flight at once in one process");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void childProcesses_v3RequestsInDifferentWorkers_runInParallel() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.childProcesses(2)).open()) {
      assertTrue(v3Overlapped(c), "two workers did not send v3 requests at once");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void inModule_v2cRequestsOnDifferentSessions_runInParallel() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().open()) {
      assertTrue(overlapped(c), "the second request only reached the agent after the first was answered");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void serialized_v2cRequests_neverOverlap() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.serialized()).open()) {
      assertFalse(overlapped(c), "under the serialized strategy two requests were in flight at once");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void childProcesses_v2cRequestsOnSessionsInDifferentWorkers_runInParallel() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.childProcesses(2)).open()) {
      assertTrue(overlapped(c), "two workers did not serve two sessions at once");
    }
  }
}
