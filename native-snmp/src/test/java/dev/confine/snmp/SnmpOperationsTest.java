package dev.confine.snmp;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operation and version against a real snmpd, in the default in-module mode. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SnmpdExtension.class)
class SnmpOperationsTest {
  static final Oid SYSTEM = Oid.parse("1.3.6.1.2.1.1");
  static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");
  static final Oid SYS_OBJECT_ID = Oid.parse("1.3.6.1.2.1.1.2.0");
  static final Oid SYS_UPTIME = Oid.parse("1.3.6.1.2.1.1.3.0");
  static final Oid SYS_CONTACT = Oid.parse("1.3.6.1.2.1.1.4.0");
  static final Oid SYS_LOCATION = Oid.parse("1.3.6.1.2.1.1.6.0");
  static final String LOCATION = "confine-lab";

  static SnmpClient client;
  static PrivateSnmpd agent;

  @BeforeAll
  static void open(PrivateSnmpd snmpd) {
    agent = snmpd;
    client = SnmpClient.newBuilder().open();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static Target v2c() {
    return Target.v2c(agent.host(), agent.port(), "public");
  }

  static Target v2cWrite() {
    return Target.v2c(agent.host(), agent.port(), "private");
  }

  static Target v3(UsmUser u) {
    return Target.v3(agent.host(), agent.port(), u);
  }

  @Test
  void get_returnsTypedValues() {
    try (SnmpSession s = client.open(v2c())) {
      List<VarBind> got = s.get(List.of(SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_LOCATION));
      assertEquals(List.of(SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_LOCATION), got.stream().map(VarBind::oid).toList());
      assertInstanceOf(SnmpValue.OctetString.class, got.get(0).value());
      assertTrue(((SnmpValue.OctetString) got.get(0).value()).text().contains("Linux"), got.get(0).toString());
      assertEquals(new SnmpValue.ObjectId(Oid.parse("1.3.6.1.4.1.8072.3.2.10")), got.get(1).value());
      assertInstanceOf(SnmpValue.TimeTicks.class, got.get(2).value());
      assertEquals(SnmpValue.OctetString.of(LOCATION), got.get(3).value());
      assertEquals("63:6f:6e:66:69:6e:65:2d:6c:61:62", ((SnmpValue.OctetString) got.get(3).value()).hex());
    }
  }

  @Test
  void get_countersGaugesIpAddress_areTyped() {
    try (SnmpSession s = client.open(v2c())) {
      assertInstanceOf(SnmpValue.Counter32.class, s.get(Oid.parse("1.3.6.1.2.1.2.2.1.10.1")).value()); // ifInOctets.1
      assertInstanceOf(SnmpValue.Gauge32.class, s.get(Oid.parse("1.3.6.1.2.1.2.2.1.5.1")).value()); // ifSpeed.1
      assertInstanceOf(SnmpValue.Counter64.class, s.get(Oid.parse("1.3.6.1.2.1.31.1.1.1.6.1")).value()); // ifHCInOctets.1
      VarBind ip = s.get(Oid.parse("1.3.6.1.2.1.4.20.1.1.127.0.0.1")); // ipAdEntAddr.127.0.0.1
      assertEquals(SnmpValue.IpAddress.parse("127.0.0.1"), ip.value());
    }
  }

  @Test
  void get_missingThings_areDistinctOutcomes() {
    try (SnmpSession s = client.open(v2c())) {
      assertEquals(new SnmpValue.NoSuchInstance(), s.get(Oid.parse("1.3.6.1.2.1.1.6.1")).value());
      assertEquals(new SnmpValue.NoSuchObject(), s.get(Oid.parse("1.3.6.1.2.1.1.99.0")).value());
      assertEquals(new SnmpValue.EndOfMibView(), s.getNext(List.of(Oid.parse("2.1"))).get(0).value());
    }
  }

  @Test
  void getNext_andGetBulk_followTheAgentOrder() {
    try (SnmpSession s = client.open(v2c())) {
      assertEquals(SYS_DESCR, s.getNext(List.of(SYSTEM)).get(0).oid());
      List<VarBind> bulk = s.getBulk(1, 3, List.of(SYSTEM, SYSTEM));
      assertEquals(4, bulk.size());
      assertEquals(List.of(SYS_DESCR, SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME), bulk.stream().map(VarBind::oid).toList());
    }
  }

  @Test
  void walk_andBulkWalk_agree_andStayInTheSubtree() {
    try (SnmpSession s = client.open(v2c())) {
      Oid orTable = Oid.parse("1.3.6.1.2.1.1.9");
      List<VarBind> walk = s.walk(orTable).collect(Collectors.toList());
      assertTrue(walk.size() > 5);
      assertTrue(walk.stream().allMatch(vb -> vb.oid().startsWith(orTable)));
      for (int i = 1; i < walk.size(); i++) {
        assertTrue(walk.get(i).oid().compareTo(walk.get(i - 1).oid()) > 0);
      }
      assertEquals(walk, s.bulkWalk(orTable, 3).collect(Collectors.toList()));
      assertEquals(walk, s.bulkWalk(orTable, 50).collect(Collectors.toList()));
      assertEquals(walk.subList(0, 2), s.bulkWalk(orTable, 1).limit(2).collect(Collectors.toList()));
      assertEquals(List.of(), s.walk(Oid.parse("1.3.6.1.2.1.1.6.0")).collect(Collectors.toList()));
    }
  }

  @Test
  void table_readsRowsByColumns() {
    try (SnmpSession s = client.open(v2c())) {
      Oid ifDescr = Oid.parse("1.3.6.1.2.1.2.2.1.2");
      Oid ifType = Oid.parse("1.3.6.1.2.1.2.2.1.3");
      List<TableRow> rows = s.table(List.of(ifDescr, ifType));
      assertTrue(rows.size() >= 1);
      TableRow lo = rows.stream().filter(r -> SnmpValue.OctetString.of("lo").equals(r.get(ifDescr))).findFirst().orElseThrow(() -> new AssertionError(rows.toString()));
      assertEquals(new SnmpValue.Integer32(24), lo.get(ifType)); // softwareLoopback
      assertEquals(s.get(ifDescr.append(lo.index())).value(), lo.get(ifDescr));
    }
  }

  @Test
  void set_thenGet_seesTheNewValue_andAWrongTypeIsRejected() {
    try (SnmpSession s = client.open(v2cWrite())) {
      String contact = "ops-" + System.nanoTime();
      List<VarBind> answer = s.set(List.of(new VarBind(SYS_CONTACT, SnmpValue.OctetString.of(contact))));
      assertEquals(SnmpValue.OctetString.of(contact), answer.get(0).value());
      assertEquals(SnmpValue.OctetString.of(contact), s.get(SYS_CONTACT).value());
      SnmpErrorStatusException e = assertThrows(SnmpErrorStatusException.class, () -> s.set(List.of(new VarBind(SYS_CONTACT, new SnmpValue.Integer32(5)))));
      assertEquals("wrongType", e.statusName());
      assertEquals(1, e.index());
      assertEquals(SnmpValue.OctetString.of(contact), s.get(SYS_CONTACT).value());
    }
  }

  @Test
  void set_throughAReadOnlyCommunity_isAnError() {
    try (SnmpSession s = client.open(v2c())) {
      SnmpErrorStatusException e = assertThrows(SnmpErrorStatusException.class, () -> s.set(List.of(new VarBind(SYS_CONTACT, SnmpValue.OctetString.of("x")))));
      assertEquals("noAccess", e.statusName());
    }
  }

  @Test
  void tooBigResponse_isAnErrorStatus() {
    // snmpd cannot say tooBig over v2c/UDP (a >64 KiB answer just fails in sendto); over v3 it honours our msgMaxSize
    try (SnmpSession s = client.open(v3(UsmUser.auth("authuser", AuthProtocol.SHA, "authpass123")).withMaxResponseSize(484))) {
      assertEquals(SnmpValue.OctetString.of(LOCATION), s.get(SYS_LOCATION).value());
      SnmpErrorStatusException e = assertThrows(SnmpErrorStatusException.class, () -> s.get(Collections.nCopies(8, SYS_DESCR)));
      assertEquals("tooBig", e.statusName());
    }
  }

  @Test
  void v1_getAndWalk_work_bulkIsRejected() {
    try (SnmpSession s = client.open(Target.v1(agent.host(), agent.port(), "public"))) {
      assertEquals(SnmpValue.OctetString.of(LOCATION), s.get(SYS_LOCATION).value());
      List<VarBind> v1 = s.walk(Oid.parse("1.3.6.1.2.1.1.9")).collect(Collectors.toList());
      assertTrue(v1.size() > 5);
      assertThrows(IllegalArgumentException.class, () -> s.getBulk(0, 5, List.of(SYSTEM)));
      assertThrows(IllegalArgumentException.class, () -> s.bulkWalk(SYSTEM, 5));
      SnmpErrorStatusException e = assertThrows(SnmpErrorStatusException.class, () -> s.get(Oid.parse("1.3.6.1.2.1.1.6.1")));
      assertEquals("noSuchName", e.statusName());
    }
  }

  static Stream<UsmUser> v3Users() {
    return Stream.of(
        UsmUser.noAuth("noauthuser"),
        UsmUser.auth("authuser", AuthProtocol.SHA, "authpass123"),
        UsmUser.auth("sha224", AuthProtocol.SHA224, "authpass123"),
        UsmUser.auth("sha384", AuthProtocol.SHA384, "authpass123"),
        UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123"),
        UsmUser.authPriv("md5des", AuthProtocol.MD5, "authpass123", PrivProtocol.DES, "privpass123"),
        UsmUser.authPriv("sha256aes", AuthProtocol.SHA256, "authpass123", PrivProtocol.AES, "privpass123"),
        UsmUser.authPriv("sha512aes256", AuthProtocol.SHA512, "authpass123", PrivProtocol.AES256, "privpass123"));
  }

  @ParameterizedTest
  @MethodSource("v3Users")
  void v3_everyLevelAndProtocol_getsAndWalks(UsmUser user) {
    try (SnmpSession s = client.open(v3(user))) {
      assertEquals(SnmpValue.OctetString.of(LOCATION), s.get(SYS_LOCATION).value());
      Oid orTable = Oid.parse("1.3.6.1.2.1.1.9");
      assertEquals(s.walk(orTable).collect(Collectors.toList()), s.bulkWalk(orTable, 4).collect(Collectors.toList()));
    }
  }

  @Test
  void v3_wrongPassword_isAnAuthenticationError_andTheRightOneStillWorks() {
    UsmUser right = UsmUser.auth("authuser", AuthProtocol.SHA, "authpass123");
    UsmUser wrong = UsmUser.auth("authuser", AuthProtocol.SHA, "wrong-pass-1");
    try (SnmpSession bad = client.open(v3(wrong).withRetries(0))) {
      assertThrows(SnmpAuthenticationException.class, () -> bad.get(SYS_LOCATION));
    }
    try (SnmpSession good = client.open(v3(right))) {
      assertEquals(SnmpValue.OctetString.of(LOCATION), good.get(SYS_LOCATION).value());
    }
  }

  @Test
  void v3_sameUserDifferentPasswords_eachSessionUsesItsOwnKeys() {
    UsmUser right = UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123");
    UsmUser wrong = UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "other-priv-pass");
    UsmUser wrongAuth = UsmUser.authPriv("privuser", AuthProtocol.SHA, "other-auth-pass", PrivProtocol.AES, "privpass123");
    try (SnmpSession good = client.open(v3(right));
        SnmpSession badPriv = client.open(v3(wrong).withRetries(0).withTimeout(Duration.ofMillis(500)));
        SnmpSession badAuth = client.open(v3(wrongAuth).withRetries(0))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(SnmpValue.OctetString.of(LOCATION), good.get(SYS_LOCATION).value());
        assertThrows(SnmpAuthenticationException.class, () -> badAuth.get(SYS_LOCATION));
        // a wrong privacy key: the agent cannot decrypt and stays silent (or reports a decryption error)
        SnmpException e = assertThrows(SnmpException.class, () -> badPriv.get(SYS_LOCATION));
        assertTrue(e instanceof SnmpTimeoutException || e instanceof SnmpAuthenticationException, e.toString());
      }
      assertEquals(SnmpValue.OctetString.of(LOCATION), good.get(SYS_LOCATION).value());
    }
  }

  @Test
  void v3_unknownUser_isAnAuthenticationError() {
    try (SnmpSession s = client.open(v3(UsmUser.noAuth("nobody-here")).withRetries(0))) {
      assertThrows(SnmpAuthenticationException.class, () -> s.get(SYS_LOCATION));
    }
  }

  @Test
  void wrongCommunity_timesOut() {
    try (SnmpSession s = client.open(Target.v2c(agent.host(), agent.port(), "not-the-community").withTimeout(Duration.ofMillis(200)).withRetries(1))) {
      assertThrows(SnmpTimeoutException.class, () -> s.get(SYS_LOCATION));
    }
  }

  @Test
  void silentPort_timesOut_withinTimeoutTimesTries() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        SnmpSession s = client.open(Target.v2c("127.0.0.1", silent.getLocalPort(), "public").withTimeout(Duration.ofMillis(100)).withRetries(2))) {
      long t0 = System.nanoTime();
      SnmpTimeoutException e = assertThrows(SnmpTimeoutException.class, () -> s.get(SYS_LOCATION));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 250 && ms < 5000, "took " + ms + " ms: " + e);
      // names the agent and what was waited for, and says what to check
      String expected = "no response from 127.0.0.1:" + silent.getLocalPort() + " (v2c): 3 tries of 0.1 s each (retries 2)";
      assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("community"), e.getMessage());
    }
  }

  @Test
  void silentPort_v3_timesOutWithTheSameMessage() throws Exception {
    // the first v3 request discovers the agent's engine id; that going unanswered is a timeout too
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        SnmpSession s =
            client.open(Target.v3("127.0.0.1", silent.getLocalPort(), UsmUser.noAuth("nobody")).withTimeout(Duration.ofMillis(100)).withRetries(0))) {
      SnmpTimeoutException e = assertThrows(SnmpTimeoutException.class, () -> s.get(SYS_LOCATION));
      assertTrue(e.getMessage().contains("no response from 127.0.0.1:" + silent.getLocalPort() + " (v3, user nobody): 1 try"), e.getMessage());
    }
  }

  @Test
  void nonIncreasingOid_stopsTheWalkWithAnError() {
    try (SnmpSession s = client.open(v2c())) {
      Oid broken = Oid.parse("1.3.6.1.4.1.99999");
      SnmpException e = assertThrows(SnmpException.class, () -> s.walk(broken).count());
      assertTrue(e.getMessage().contains("non-increasing"), e.getMessage());
      SnmpException e2 = assertThrows(SnmpException.class, () -> s.bulkWalk(broken, 10).count());
      assertTrue(e2.getMessage().contains("non-increasing"), e2.getMessage());
    }
  }

  @Test
  void unresolvableHost_isAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.open(Target.v2c("no-such-host.invalid", 161, "public")));
    assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
  }

  @Test
  void badInput_isRejectedBeforeTheLibrarySeesIt() {
    assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3.x.1"));
    assertThrows(IllegalArgumentException.class, () -> Oid.parse("1..3"));
    assertThrows(IllegalArgumentException.class, () -> Oid.parse("1.3.99999999999"));
    assertThrows(IllegalArgumentException.class, () -> Oid.parse("1" + ".1".repeat(128)));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> client.oid("NO-SUCH-MIB::nothing.0"));
    assertTrue(unknown.getMessage().contains("NO-SUCH-MIB::nothing.0"), unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> client.oid("sys Descr"));
    // a numeric OID with a typo is named as such, with the arc, not only as an unknown name
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> client.oid("1.3.x.1"));
    assertTrue(typo.getMessage().contains("malformed OID '1.3.x.1': arc 3 'x' is not a number"), typo.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Target.v2c("127.0.0.1", 0, "public"));
    assertThrows(IllegalArgumentException.class, () -> Target.v2c("127.0.0.1", 161, "public").withTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> UsmUser.auth("u", AuthProtocol.SHA, "short"));
    try (SnmpSession s = client.open(v2c())) {
      assertThrows(IllegalArgumentException.class, () -> s.get(List.of()));
      assertThrows(IllegalArgumentException.class, () -> s.get(Collections.nCopies(2000, SYS_DESCR)));
      assertThrows(IllegalArgumentException.class, () -> s.set(List.of(new VarBind(SYS_CONTACT, new SnmpValue.NoSuchObject()))));
      assertThrows(IllegalArgumentException.class, () -> s.set(List.of(new VarBind(SYS_CONTACT, new SnmpValue.OctetString(new byte[70000])))));
    }
  }

  @Test
  void session_closedTwice_isFine_usedAfterClose_isAClearError() {
    SnmpSession s = client.open(v2c());
    s.get(SYS_LOCATION);
    s.close();
    s.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.get(SYS_LOCATION));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> s.walk(SYSTEM));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-module", "serialized", "child-processes"})
  void client_closed_closesItsSessions_andRejectsNewWork(String mode) {
    SnmpClient.Builder b = SnmpClient.newBuilder();
    switch (mode) {
      case "serialized" -> b.strategy(dev.confine.isolation.Isolation.serialized());
      case "child-processes" -> b.strategy(dev.confine.isolation.Isolation.childProcesses(1, dev.confine.isolation.ChildProcessOptions.defaults()));
      default -> { }
    }
    SnmpClient c = b.open();
    SnmpSession s = c.open(v2c());
    assertNotNull(s.get(SYS_LOCATION).value());
    c.close();
    c.close();
    // the client took the native session with it: closing the session afterwards is a no-op
    assertDoesNotThrow(s::close);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.get(SYS_LOCATION));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> c.open(v2c()));
  }
}
