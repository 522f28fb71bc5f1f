package dev.confine.snmp.testagent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.snmp.Oid;
import dev.confine.snmp.SnmpAuthenticationException;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpException;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.SnmpValue;
import dev.confine.snmp.Target;
import dev.confine.snmp.VarBind;
import dev.confine.snmp.agent.PrivateSnmpd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The private agent holds what its accessors say, for every version and user, and goes away on close. */
@ExtendWith(SnmpdExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnmpdExtensionTest {
  static SnmpClient client;
  static PrivateSnmpd classAgent;

  @BeforeAll
  static void open(PrivateSnmpd agent) {
    classAgent = agent;
    Path mibs = Paths.get("src/test/resources/mibs").toAbsolutePath();
    client = SnmpClient.newBuilder().mibDirectory(mibs).mibModule("CONFINE-TEST-MIB").open();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void oneAgentPerClass_isInjectedIntoTests(PrivateSnmpd agent) {
    assertSame(classAgent, agent);
    assertTrue(agent.isAlive());
    assertTrue(agent.port() > 0 && agent.port() < 65536);
  }

  @Test
  void everyTestValue_isWhatTheAgentHolds_v2c(PrivateSnmpd agent) {
    try (SnmpSession s = client.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      for (PrivateSnmpd.TestValue v : agent.values().values()) {
        if (v.writable()) continue; // other tests may have written it; see set_writableValues
        VarBind got = s.get(Oid.parse(v.oid()));
        assertMatches(v, got.value());
      }
    }
  }

  @Test
  void walkOfTheTestRoot_returnsExactlyTheTestValues_inOrder(PrivateSnmpd agent) {
    try (SnmpSession s = client.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      List<String> walked = s.walk(Oid.parse(PrivateSnmpd.TEST_ROOT)).map(vb -> vb.oid().toString()).collect(Collectors.toList());
      List<String> expected = agent.values().keySet().stream().filter(o -> o.startsWith(PrivateSnmpd.TEST_ROOT + ".")).toList();
      assertEquals(expected, walked);
    }
  }

  @Test
  void everyV3User_readsSysLocation(PrivateSnmpd agent) {
    assertTrue(agent.users().size() >= 3);
    for (PrivateSnmpd.V3User u : agent.users()) {
      try (SnmpSession s = client.open(Target.v3(agent.host(), agent.port(), u.toUsmUser()))) {
        assertEquals(SnmpValue.OctetString.of(PrivateSnmpd.LOCATION), s.get(Oid.parse(PrivateSnmpd.SYS_LOCATION)).value(), u.name());
      }
    }
  }

  @Test
  void set_writableValues_viaPrivateCommunity_andAuthPrivUser(PrivateSnmpd agent) {
    Oid text = Oid.parse(PrivateSnmpd.TEST_ROOT + ".1.4.0");
    assertTrue(agent.value(text.toString()).writable());
    try (SnmpSession w = client.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.WRITE_COMMUNITY))) {
      w.set(List.of(new VarBind(text, SnmpValue.OctetString.of("written by v2c"))));
      assertEquals(SnmpValue.OctetString.of("written by v2c"), w.get(text).value());
    }
    try (SnmpSession w = client.open(Target.v3(agent.host(), agent.port(), agent.authPrivUser().toUsmUser()))) {
      Oid integer = Oid.parse(PrivateSnmpd.TEST_ROOT + ".1.3.0");
      w.set(List.of(new VarBind(integer, new SnmpValue.Integer32(99))));
      assertEquals(new SnmpValue.Integer32(99), w.get(integer).value());
    }
    try (SnmpSession r = client.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      assertThrows(SnmpException.class, () -> r.set(List.of(new VarBind(text, SnmpValue.OctetString.of("read-only community")))));
    }
  }

  @Test
  void loopSubtree_answersANonIncreasingOid(PrivateSnmpd agent) {
    try (SnmpSession s = client.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      Oid answer = Oid.parse(PrivateSnmpd.LOOP_ANSWER);
      assertEquals(answer, s.getNext(List.of(Oid.parse(PrivateSnmpd.LOOP_ROOT))).get(0).oid());
      assertEquals(answer, s.getNext(List.of(answer)).get(0).oid(), "GETNEXT of the answer must not advance");
    }
  }

  @Test
  void testMib_namesTheTestObjects() {
    assertEquals(Oid.parse(PrivateSnmpd.TEST_ROOT + ".1.1.0"), client.oid("CONFINE-TEST-MIB::confineInteger.0"));
    assertEquals(Oid.parse(PrivateSnmpd.TEST_ROOT + ".2.1.3.5"), client.oid("CONFINE-TEST-MIB::confineRowValue.5"));
    assertEquals(Oid.parse(PrivateSnmpd.LOOP_ROOT), client.oid("CONFINE-TEST-MIB::confineLoop"));
  }

  @Test
  void persistentState_staysInTheAgentsOwnDirectory(PrivateSnmpd agent) throws Exception {
    String conf = Files.readString(agent.workDir().resolve("snmpd.conf"));
    assertTrue(conf.contains("persistentDir " + agent.workDir().resolve("persist")), conf);
    assertFalse(conf.contains("/var/lib/snmp"), conf);
  }

  @Test
  void twoAgents_sameUserName_differentPasswords_eachAcceptOnlyTheirOwn() {
    try (PrivateSnmpd a = PrivateSnmpd.builder().authPassword("alpha-pass-1").privPassword("alpha-priv-1").start();
        PrivateSnmpd b = PrivateSnmpd.builder().authPassword("bravo-pass-2").privPassword("bravo-priv-2").start()) {
      assertEquals(a.authPrivUser().name(), b.authPrivUser().name());
      assertTrue(a.port() != b.port());
      for (PrivateSnmpd agent : List.of(a, b)) {
        try (SnmpSession s = client.open(Target.v3(agent.host(), agent.port(), agent.authPrivUser().toUsmUser()))) {
          assertEquals(SnmpValue.OctetString.of(PrivateSnmpd.LOCATION), s.get(Oid.parse(PrivateSnmpd.SYS_LOCATION)).value());
        }
      }
      try (SnmpSession wrong = client.open(Target.v3(b.host(), b.port(), a.authPrivUser().toUsmUser()))) {
        assertThrows(SnmpAuthenticationException.class, () -> wrong.get(Oid.parse(PrivateSnmpd.SYS_LOCATION)));
      }
    }
  }

  @Test
  void close_stopsTheProcess_andRemovesItsDirectory_andIsIdempotent() throws Exception {
    PrivateSnmpd agent = PrivateSnmpd.start();
    long pid = agent.pid();
    Path dir = agent.workDir();
    assertTrue(ProcessHandle.of(pid).isPresent());
    agent.close();
    agent.close();
    assertFalse(agent.isAlive());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "snmpd " + pid + " still runs");
    assertFalse(Files.exists(dir), dir + " still exists");
    assertThrows(IllegalStateException.class, agent::pid);
  }

  @Test
  void missingSnmpd_failsWithTheInstallCommand(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path absent = dir.resolve("no-snmpd-here");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> withProperty("confine.snmpd", absent.toString(), () -> PrivateSnmpd.builder().start()));
    assertTrue(e.getMessage().contains("apt-get install snmpd") && e.getMessage().contains("./confine setup"), e.getMessage());
    assertTrue(e.getMessage().contains(absent.toString()), e.getMessage());
  }

  @Test
  void badBuilderInput_isAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrivateSnmpd.builder().authPassword("short"));
    assertTrue(e.getMessage().contains("authPassword") && e.getMessage().contains("8"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PrivateSnmpd.builder().engineId("has space"));
  }

  private static void withProperty(String key, String value, Runnable r) {
    String old = System.getProperty(key);
    System.setProperty(key, value);
    try {
      r.run();
    } finally {
      if (old == null) System.clearProperty(key);
      else System.setProperty(key, old);
    }
  }

  static void assertMatches(PrivateSnmpd.TestValue v, SnmpValue got) {
    String m = v + " got " + got;
    switch (v.type()) {
      case "INTEGER" -> assertEquals(new SnmpValue.Integer32(Integer.parseInt(v.text())), got, m);
      case "STRING" -> assertEquals(SnmpValue.OctetString.of(v.text()), got, m);
      case "Hex-STRING" -> assertArrayEquals(HexFormat.ofDelimiter(" ").parseHex(v.text().toLowerCase(java.util.Locale.ROOT)), assertInstanceOf(SnmpValue.OctetString.class, got, m).bytes(), m);
      case "Timeticks" -> assertEquals(new SnmpValue.TimeTicks(Long.parseLong(v.text())), got, m);
      case "Gauge32" -> assertEquals(new SnmpValue.Gauge32(Long.parseLong(v.text())), got, m);
      case "Counter32" -> assertEquals(new SnmpValue.Counter32(Long.parseLong(v.text())), got, m);
      case "Counter64" -> assertEquals(new SnmpValue.Counter64(Long.parseUnsignedLong(v.text())), got, m);
      case "IpAddress" -> assertEquals(SnmpValue.IpAddress.parse(v.text()), got, m);
      case "OID" -> assertEquals(new SnmpValue.ObjectId(Oid.parse(v.text())), got, m);
      default -> throw new AssertionError("unknown type in " + v);
    }
  }
}
