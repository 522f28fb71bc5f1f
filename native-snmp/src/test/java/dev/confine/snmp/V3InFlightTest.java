package dev.confine.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.Isolation;
import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SNMPv3 in one process: once a session knows the agent's engine id, the global mutex covers the
 * library's work on a message (encrypting, checking) but not the wait for the answer, so v3
 * requests of different sessions wait on the network together; sessions of one user name with
 * different passphrases still get answers checked with their own keys.
 *
 * <p>A relay in front of the private snmpd shows the overlap: in pairing mode it holds a request
 * until a second one arrives (or 800 ms pass alone), then forwards both, and records which it was.
 */
@ExtendWith(SnmpdExtension.class)
class V3InFlightTest {
  private static final Oid SYS_LOCATION = Oid.parse(PrivateSnmpd.SYS_LOCATION);
  private static PrivateSnmpd agent;

  @BeforeAll
  static void agent(PrivateSnmpd snmpd) {
    agent = snmpd;
  }

  /** Warms two sessions up (engine-id discovery, relayed at once), then GETs on both at once in pairing mode. */
  private static boolean overlapped(SnmpClient client) throws Exception {
    try (PairingRelay relay = new PairingRelay(new InetSocketAddress(agent.host(), agent.port()))) {
      Target target = Target.v3("127.0.0.1", relay.port(), agent.authPrivUser().toUsmUser()).withTimeout(Duration.ofSeconds(5)).withRetries(0);
      try (SnmpSession a = client.open(target);
          SnmpSession b = client.open(target)) {
        SnmpValue expected = SnmpValue.OctetString.of(PrivateSnmpd.LOCATION);
        assertEquals(expected, a.get(SYS_LOCATION).value());
        assertEquals(expected, b.get(SYS_LOCATION).value());
        relay.pairNext();
        CompletableFuture<VarBind> fa = CompletableFuture.supplyAsync(() -> a.get(SYS_LOCATION));
        CompletableFuture<VarBind> fb = CompletableFuture.supplyAsync(() -> b.get(SYS_LOCATION));
        assertEquals(expected, fa.get(20, TimeUnit.SECONDS).value());
        assertEquals(expected, fb.get(20, TimeUnit.SECONDS).value());
        return relay.pairs.poll(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void inModule_v3RequestsOfDifferentSessions_waitOnTheNetworkTogether() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().open()) {
      assertTrue(overlapped(c), "the second v3 request reached the agent only after the first was answered");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void serialized_v3Requests_neverOverlap() throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.serialized()).open()) {
      assertFalse(overlapped(c), "under the serialized strategy two v3 requests were in flight at once");
    }
  }

  /**
   * Two agents whose v3 user has the same name and different passphrases; four callers per agent,
   * each with its own session, GET at once, many times. Every answer must be the right one: a
   * session whose keys were swapped for the other agent's while its answer was on the way would get
   * an authentication error or a timeout instead.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sameUserName_differentPassphrases_concurrently_everyAnswerChecksOut() throws Exception {
    try (PrivateSnmpd a = PrivateSnmpd.builder().authPassword("alpha-pass-1").privPassword("alpha-priv-1").start();
        PrivateSnmpd b = PrivateSnmpd.builder().authPassword("bravo-pass-2").privPassword("bravo-priv-2").start();
        SnmpClient client = SnmpClient.newBuilder().open()) {
      int callers = 8;
      int rounds = 40;
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      CyclicBarrier start = new CyclicBarrier(callers);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          PrivateSnmpd to = i % 2 == 0 ? a : b;
          done.add(
              pool.submit(
                  () -> {
                    try (SnmpSession s = client.open(Target.v3(to.host(), to.port(), to.authPrivUser().toUsmUser()).withTimeout(Duration.ofSeconds(5)).withRetries(0))) {
                      start.await(20, TimeUnit.SECONDS);
                      int ok = 0;
                      for (int r = 0; r < rounds; r++) {
                        if (SnmpValue.OctetString.of(PrivateSnmpd.LOCATION).equals(s.get(SYS_LOCATION).value())) {
                          ok++;
                        }
                      }
                      return ok;
                    }
                  }));
        }
        for (Future<Integer> f : done) {
          assertEquals(rounds, f.get(100, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * A UDP relay on loopback; each client address gets its own upstream socket, so answers find
   * their way back. {@link #pairNext()} makes it hold the next request until a second one arrives
   * or 800 ms pass, then forward what it holds and put whether there were two into {@link #pairs}.
   */
  static final class PairingRelay implements AutoCloseable {
    final BlockingQueue<Boolean> pairs = new LinkedBlockingQueue<>();
    private final InetSocketAddress agent;
    private final DatagramSocket front = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean pairNext;

    PairingRelay(InetSocketAddress agent) throws IOException {
      this.agent = agent;
      start(this::relayRequests, "relay-requests");
    }

    int port() {
      return front.getLocalPort();
    }

    void pairNext() {
      pairNext = true;
    }

    private void relayRequests() {
      try {
        while (true) {
          DatagramPacket first = receive(0);
          if (!pairNext) {
            forward(first);
            continue;
          }
          pairNext = false;
          DatagramPacket second = receive(800);
          forward(first);
          if (second != null) {
            forward(second);
          }
          pairs.add(second != null);
        }
      } catch (IOException closed) {
        // the relay is closed
      }
    }

    private DatagramPacket receive(int timeoutMs) throws IOException {
      DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
      front.setSoTimeout(timeoutMs);
      try {
        front.receive(p);
        return p;
      } catch (SocketTimeoutException e) {
        return null;
      }
    }

    private void forward(DatagramPacket request) throws IOException {
      SocketAddress client = request.getSocketAddress();
      DatagramSocket up = upstream.get(client);
      if (up == null) {
        DatagramSocket created = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        upstream.put(client, created);
        up = created;
        start(() -> relayAnswers(created, client), "relay-answers");
      }
      up.send(new DatagramPacket(request.getData(), request.getLength(), agent));
    }

    private void relayAnswers(DatagramSocket up, SocketAddress client) {
      try {
        while (true) {
          DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
          up.receive(p);
          front.send(new DatagramPacket(p.getData(), p.getLength(), client));
        }
      } catch (IOException closed) {
        // the relay is closed
      }
    }

    private synchronized void start(Runnable r, String name) {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }

    @Override
    public void close() throws InterruptedException {
      front.close();
      upstream.values().forEach(DatagramSocket::close);
      List<Thread> all;
      synchronized (this) {
        all = List.copyOf(threads);
      }
      for (Thread t : all) {
        t.join(5_000);
      }
    }
  }
}
