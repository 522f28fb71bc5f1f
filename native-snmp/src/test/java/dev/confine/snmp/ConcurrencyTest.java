package dev.confine.snmp;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confine.isolation.Isolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * N concurrent callers, each with its own session, doing GET, WALK and BULKWALK (v2c and v3
 * authPriv) under each mode; every value is compared with a reference read once, single-threaded,
 * before the run. Zero failures allowed.
 */
@ExtendWith(SnmpdExtension.class)
class ConcurrencyTest {
  private static final Map<String, SnmpClient> CLIENTS = new ConcurrentHashMap<>();
  private static final Oid SYS_LOCATION = Oid.parse("1.3.6.1.2.1.1.6.0");
  private static final Oid SYS_OR_TABLE = Oid.parse("1.3.6.1.2.1.1.9");
  private static final int ROUNDS = 2;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String mode : List.of("in-module", "serialized", "thread-confined", "child-processes")) {
      for (String version : List.of("v2c", "v3-authPriv")) {
        for (int callers : new int[] {4, 16, 64}) {
          out.add(Arguments.of(mode, version, callers));
        }
      }
    }
    return out.stream();
  }

  private static SnmpClient client(String mode) {
    return CLIENTS.computeIfAbsent(
        mode,
        m -> {
          SnmpClient.Builder b = SnmpClient.newBuilder();
          switch (m) {
            case "serialized" -> b.strategy(Isolation.serialized());
            case "thread-confined" -> b.strategy(Isolation.threadConfined(1));
            case "child-processes" -> b.strategy(Isolation.childProcesses(2));
            default -> {}
          }
          return b.open();
        });
  }

  private static PrivateSnmpd agent;

  @BeforeAll
  static void startAgent(PrivateSnmpd snmpd) {
    agent = snmpd;
  }

  @AfterAll
  static void closeClients() {
    CLIENTS.values().forEach(SnmpClient::close);
    CLIENTS.clear();
  }

  private static Target target(String version) {
    Target t =
        version.equals("v2c")
            ? Target.v2c(agent.host(), agent.port(), "public")
            : Target.v3(agent.host(), agent.port(), UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123"));
    // generous: under serialized v3 a request may wait for 63 others
    return t.withTimeout(Duration.ofSeconds(5)).withRetries(1);
  }

  @ParameterizedTest(name = "{0} {1} {2} callers")
  @MethodSource("cases")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentCallers_getWalkBulkwalk_allValuesMatchTheAgent(String mode, String version, int callers) throws Exception {
    SnmpClient client = client(mode);
    VarBind location;
    List<VarBind> table;
    try (SnmpSession s = client.open(target(version))) {
      location = s.get(SYS_LOCATION);
      table = s.walk(SYS_OR_TABLE).collect(Collectors.toList());
    }
    assertEquals(true, table.size() > 5, "reference walk too small: " + table.size());

    CyclicBarrier start = new CyclicBarrier(callers);
    AtomicInteger ops = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try (SnmpSession s = client.open(target(version))) {
                    start.await(60, TimeUnit.SECONDS);
                    for (int r = 0; r < ROUNDS; r++) {
                      assertEquals(location, s.get(SYS_LOCATION));
                      assertEquals(table, s.walk(SYS_OR_TABLE).collect(Collectors.toList()));
                      assertEquals(table, s.bulkWalk(SYS_OR_TABLE, 5).collect(Collectors.toList()));
                      ops.addAndGet(3);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(110, TimeUnit.SECONDS); // rethrows the first failure
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(callers * ROUNDS * 3, ops.get());
  }
}
