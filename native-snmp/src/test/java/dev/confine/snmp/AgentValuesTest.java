package dev.confine.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every value the private agent holds (scalars of each type, a table, pass-script values) comes
 * back with the right type and value, through GET, GETBULK and tables, v2c and v3 authPriv.
 */
@ExtendWith(SnmpdExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AgentValuesTest {

  /** Our typed value in the agent's notation: its type name as Net-SNMP's tools print it, and its text. */
  static String render(SnmpValue v) {
    if (v instanceof SnmpValue.Integer32 i) {
      return "INTEGER " + i.value();
    } else if (v instanceof SnmpValue.OctetString s) {
      return s.isPrintable() ? "STRING " + s.text() : "Hex-STRING " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(s.bytes());
    } else if (v instanceof SnmpValue.Gauge32 g) {
      return "Gauge32 " + g.value();
    } else if (v instanceof SnmpValue.Counter32 c) {
      return "Counter32 " + c.value();
    } else if (v instanceof SnmpValue.Counter64 c) {
      return "Counter64 " + c.unsignedValue();
    } else if (v instanceof SnmpValue.TimeTicks t) {
      return "Timeticks " + t.value();
    } else if (v instanceof SnmpValue.IpAddress a) {
      byte[] b = a.address();
      return String.format(Locale.ROOT, "IpAddress %d.%d.%d.%d", b[0] & 255, b[1] & 255, b[2] & 255, b[3] & 255);
    } else if (v instanceof SnmpValue.ObjectId o) {
      return "OID " + o.oid();
    }
    return v.toString();
  }

  private static Map<Oid, String> expected(PrivateSnmpd agent) {
    Map<Oid, String> m = new TreeMap<>();
    agent.values().values().stream().filter(tv -> !tv.writable()).forEach(tv -> m.put(Oid.parse(tv.oid()), tv.type() + " " + tv.text()));
    return m;
  }

  private static void checkAll(SnmpSession s, Map<Oid, String> expected) {
    List<Oid> oids = List.copyOf(expected.keySet());
    List<VarBind> got = s.get(oids);
    assertEquals(oids, got.stream().map(VarBind::oid).toList());
    for (VarBind vb : got) {
      assertEquals(expected.get(vb.oid()), render(vb.value()), vb.oid().toString());
    }
    // GETBULK from just before each value lands on it
    for (Oid oid : oids) {
      long[] a = oid.arcs();
      a[a.length - 1]--;
      Oid before = a[a.length - 1] >= 0 ? Oid.of(a) : Oid.of(java.util.Arrays.copyOf(a, a.length - 1));
      VarBind next = s.getBulk(0, 1, List.of(before)).get(0);
      if (next.oid().equals(oid)) {
        assertEquals(expected.get(oid), render(next.value()), oid.toString());
      }
    }
  }

  @Test
  void v2c_everyAgentValue_isTypedAndEqual(PrivateSnmpd agent) {
    try (SnmpClient c = SnmpClient.newBuilder().open();
        SnmpSession s = c.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      checkAll(s, expected(agent));
    }
  }

  @Test
  void v3AuthPriv_everyAgentValue_isTypedAndEqual(PrivateSnmpd agent) {
    try (SnmpClient c = SnmpClient.newBuilder().open();
        SnmpSession s = c.open(Target.v3(agent.host(), agent.port(), agent.authPrivUser().toUsmUser()))) {
      checkAll(s, expected(agent));
    }
  }

  @Test
  void table_byColumns_matchesTheAgentsRows(PrivateSnmpd agent) {
    Oid names = Oid.parse(PrivateSnmpd.TEST_ROOT + ".2.1.2");
    Oid values = Oid.parse(PrivateSnmpd.TEST_ROOT + ".2.1.3");
    Map<String, String> expected =
        agent.values().values().stream()
            .filter(tv -> Oid.parse(tv.oid()).startsWith(names))
            .collect(Collectors.toMap(tv -> tv.oid().substring(names.toString().length() + 1), tv -> "STRING " + tv.text()));
    try (SnmpClient c = SnmpClient.newBuilder().open();
        SnmpSession s = c.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      List<TableRow> rows = s.table(List.of(names, values));
      assertEquals(expected.size(), rows.size(), rows.toString());
      for (TableRow r : rows) {
        String index = Oid.of(r.index()).toString();
        assertEquals(expected.get(index), render(r.get(names)), index);
        assertEquals(agent.value(values + "." + index).type() + " " + agent.value(values + "." + index).text(), render(r.get(values)), index);
      }
    }
  }
}
