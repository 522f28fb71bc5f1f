package dev.confine.snmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command-line tools against the private agent: output lines, exit status, usage errors. */
@ExtendWith(SnmpdExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SnmpToolTest {
  private record Run(int status, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = SnmpTool.run(args, o, e);
    }
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String root(String suffix) {
    return PrivateSnmpd.TEST_ROOT + suffix;
  }

  @Test
  void get_v2c_printsTypedLines(PrivateSnmpd agent) {
    Run r = run("get", "-v", "2c", "-c", "public", agent.address(), root(".1.1.0"), root(".1.2.0"), root(".3.1.0"), root(".3.4.0"), root(".1.5.0"));
    assertEquals(0, r.status(), r.err());
    assertEquals(
        List.of(
            "." + root(".1.1.0") + " = INTEGER: -42",
            "." + root(".1.2.0") + " = STRING: confine test agent",
            "." + root(".3.1.0") + " = IpAddress: 192.0.2.7",
            "." + root(".3.4.0") + " = Hex-STRING: 00 FF 10 80",
            "." + root(".1.5.0") + " = Timeticks: (4242) 0:00:00:42.42"),
        r.lines());
  }

  @Test
  void get_v3AuthPriv_withNetSnmpStyleOptions_andEachStrategy(PrivateSnmpd agent) {
    PrivateSnmpd.V3User u = agent.authPrivUser();
    for (String strategy : List.of("default", "serialized", "thread-confined", "child-processes")) {
      Run r = run("get", "-v3", "-u", u.name(), "-l", "authPriv", "-a", u.authProtocol(), "-A", u.authPassword(), "-x", u.privProtocol(), "-X", u.privPassword(),
          "--strategy", strategy, agent.address(), PrivateSnmpd.SYS_LOCATION);
      assertEquals(0, r.status(), strategy + ": " + r.err());
      assertEquals(List.of("." + PrivateSnmpd.SYS_LOCATION + " = STRING: " + PrivateSnmpd.LOCATION), r.lines(), strategy);
    }
  }

  @Test
  void walkAndBulkwalk_printTheTable(PrivateSnmpd agent) {
    List<String> expected = new ArrayList<>();
    for (int row = 1; row <= 5; row++) expected.add("." + root(".2.1.2." + row) + " = STRING: row" + row);
    for (int row = 1; row <= 5; row++) expected.add("." + root(".2.1.3." + row) + " = INTEGER: " + row * 100);
    Run walk = run("walk", "-v1", "-c", "public", agent.address(), root(".2"));
    assertEquals(0, walk.status(), walk.err());
    assertEquals(expected, walk.lines());
    Run bulk = run("bulkwalk", "-Cr3", "-c", "public", agent.address(), root(".2"));
    assertEquals(0, bulk.status(), bulk.err());
    assertEquals(expected, bulk.lines());
  }

  @Test
  void set_thenGet_namesByTheTestMib(PrivateSnmpd agent) {
    Run set = run("set", "-c", "private", "-M", "src/test/resources/mibs", "-m", "CONFINE-TEST-MIB", agent.address(), "CONFINE-TEST-MIB::confineWritableText.0", "s", "from the cli");
    assertEquals(0, set.status(), set.err());
    assertEquals(List.of("CONFINE-TEST-MIB::confineWritableText.0 = STRING: from the cli"), set.lines());
    Run get = run("get", agent.address(), root(".1.4.0"));
    assertEquals(List.of("." + root(".1.4.0") + " = STRING: from the cli"), get.lines());
  }

  @Test
  void agentErrors_exitWith1_andSayWhy(PrivateSnmpd agent) {
    PrivateSnmpd.V3User u = agent.authPrivUser();
    Run wrong = run("get", "-v3", "-u", u.name(), "-l", "authPriv", "-A", "not-the-password", "-X", u.privPassword(), "-t", "1", "-r", "0", agent.address(), PrivateSnmpd.SYS_LOCATION);
    assertEquals(1, wrong.status(), wrong.out());
    assertTrue(wrong.err().contains("SnmpAuthenticationException"), wrong.err());
    Run readOnly = run("set", "-c", "public", "-t", "1", "-r", "0", agent.address(), root(".1.4.0"), "s", "nope");
    assertEquals(1, readOnly.status());
    assertTrue(readOnly.err().startsWith("confine snmp set: "), readOnly.err());
  }

  @Test
  void usageErrors_exitWith2_andNameTheInput(PrivateSnmpd agent) {
    assertUsage(run(), "no command");
    assertUsage(run("fetch", agent.address()), "'fetch'");
    assertUsage(run("get"), "no agent");
    assertUsage(run("get", agent.address()), "at least one OID");
    assertUsage(run("get", "-v", "4", agent.address(), "1.3"), "-v '4'");
    assertUsage(run("get", "-t", "soon", agent.address(), "1.3"), "-t 'soon'");
    assertUsage(run("get", "--strategy", "fast", agent.address(), "1.3"), "--strategy 'fast'");
    assertUsage(run("get", "-v3", agent.address(), "1.3"), "-u NAME");
    assertUsage(run("get", "-v3", "-u", "x", "-l", "authPriv", "-A", "authpass123", agent.address(), "1.3"), "-X");
    assertUsage(run("get", "-v3", "-u", "x", "-a", "SHA-3", "-A", "authpass123", agent.address(), "1.3"), "-a 'SHA-3'");
    assertUsage(run("get", "-Q", agent.address(), "1.3"), "'-Q'");
    assertUsage(run("get", "localhost:99999", "1.3"), "localhost:99999");
    assertUsage(run("get", "localhost:snmp", "1.3"), "port 'snmp' in agent 'localhost:snmp' must be a number from 1 to 65535");
    // the library's advice, in this tool's options
    assertUsage(run("get", agent.address(), "SNMPv2-MIB::sysLocation.0"), "load its module with -M DIR -m MODULE");
    assertUsage(run("get", "-m", "NO-SUCH-MIB", agent.address(), "1.3"), "unknown MIB module 'NO-SUCH-MIB'");
    assertUsage(run("get", "-m", "NO-SUCH-MIB", agent.address(), "1.3"), "add its directory with -M DIR");
    assertUsage(run("set", agent.address(), root(".1.3.0"), "i"), "triples");
    assertUsage(run("set", agent.address(), root(".1.3.0"), "i", "seven"), "'seven'");
    assertUsage(run("set", agent.address(), root(".1.3.0"), "q", "7"), "'q'");
    assertUsage(run("get", agent.address(), "1.3.x.9"), "1.3.x.9");
  }

  @Test
  void help_printsUsage() {
    Run r = run("--help");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("--strategy"), r.out());
  }

  private static void assertUsage(Run r, String mustMention) {
    assertEquals(2, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(mustMention), "expected '" + mustMention + "' in: " + r.err());
  }
}
