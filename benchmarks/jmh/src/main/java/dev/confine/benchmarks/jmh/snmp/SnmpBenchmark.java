package dev.confine.benchmarks.jmh.snmp;

import dev.confine.benchmarks.jmh.CpuPerOpProfiler;
import dev.confine.isolation.Isolation;
import dev.confine.snmp.Oid;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.SnmpValue;
import dev.confine.snmp.Target;
import dev.confine.snmp.VarBind;
import dev.confine.snmp.agent.PrivateSnmpd;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * SNMP GET and BULKWALK against the module's private snmpd, through the Confine client under each
 * isolation strategy and through SNMP4J (the pure-Java peer) in the same run, for v2c and v3
 * authPriv (SHA/AES), with 1, 4, 16 and 64 caller threads. Each caller thread has its own
 * session (Confine) or shares one {@code Snmp} instance (SNMP4J's usual use). Every result is
 * checked, so a broken path fails the run instead of measuring errors.
 *
 * <p>GET: sysLocation.0. BULKWALK: sysORTable (1.3.6.1.2.1.1.9, served natively by snmpd; its size
 * is counted once at set-up and every walk must return that many values) with max-repetitions
 * 10. Not the test MIB's table: GETBULK repetitions past its end reach the {@code pass} scripts,
 * and every call of those forks a shell, so the walk would measure fork(2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SnmpBenchmark {
  @Param({"confine-default", "confine-serialized", "confine-thread-confined", "confine-child-processes", "snmp4j"})
  public String client;

  @Param({"v2c", "v3"})
  public String version;

  static final String TABLE = "1.3.6.1.2.1.1.9";
  int tableValues;
  /** Every caller's session, closed here before the client (JMH tears the benchmark state down first). */
  final java.util.Queue<SnmpSession> sessions = new java.util.concurrent.ConcurrentLinkedQueue<>();

  PrivateSnmpd agent;
  SnmpClient confine;
  Target target;
  Snmp snmp4j;
  org.snmp4j.Target<UdpAddress> snmp4jTarget;

  @Setup(Level.Trial)
  public void start() throws IOException {
    agent = PrivateSnmpd.start();
    CpuPerOpProfiler.watchAgent(agent.pid());
    try (SnmpClient counter = SnmpClient.newBuilder().open();
        SnmpSession s = counter.open(Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY))) {
      tableValues = (int) s.walk(Oid.parse(TABLE)).count();
    }
    if (tableValues < 10) throw new IllegalStateException("sysORTable has only " + tableValues + " values");
    if (client.equals("snmp4j")) {
      startSnmp4j();
      return;
    }
    SnmpClient.Builder b = SnmpClient.newBuilder();
    switch (client) {
      case "confine-default" -> { }
      case "confine-serialized" -> b.strategy(Isolation.serialized());
      case "confine-thread-confined" -> b.strategy(Isolation.threadConfined(1));
      case "confine-child-processes" -> b.strategy(Isolation.childProcesses(2));
      default -> throw new IllegalArgumentException("unknown client " + client);
    }
    confine = b.open();
    target =
        (version.equals("v2c")
                ? Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY)
                : Target.v3(agent.host(), agent.port(), agent.authPrivUser().toUsmUser()))
            .withTimeout(Duration.ofSeconds(5))
            .withRetries(1);
  }

  private void startSnmp4j() throws IOException {
    // SNMP4J's documented set-up: the process-wide protocol and security-model registries, whose
    // default MPv3 the Snmp instance uses
    SecurityProtocols.getInstance().addDefaultProtocols();
    // named explicitly: with the defaults alone, v3 sends failed with "Unsupported security level"
    SecurityProtocols.getInstance().addAuthenticationProtocol(new AuthSHA());
    SecurityProtocols.getInstance().addPrivacyProtocol(new PrivAES128());
    USM usm = new USM(SecurityProtocols.getInstance(), new OctetString(MPv3.createLocalEngineID()), 0);
    SecurityModels.getInstance().addSecurityModel(usm);
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
    snmp4j = new Snmp(transport);
    UdpAddress address = new UdpAddress(agent.host() + "/" + agent.port());
    if (version.equals("v2c")) {
      CommunityTarget<UdpAddress> t = new CommunityTarget<>(address, new OctetString(PrivateSnmpd.READ_COMMUNITY));
      t.setVersion(SnmpConstants.version2c);
      snmp4jTarget = t;
    } else {
      PrivateSnmpd.V3User u = agent.authPrivUser();
      OctetString name = new OctetString(u.name());
      snmp4j.getUSM().addUser(name, new UsmUser(name, AuthSHA.ID, new OctetString(u.authPassword()), PrivAES128.ID, new OctetString(u.privPassword())));
      UserTarget<UdpAddress> t = new UserTarget<>();
      t.setAddress(address);
      t.setVersion(SnmpConstants.version3);
      t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
      t.setSecurityName(name);
      snmp4jTarget = t;
    }
    snmp4jTarget.setTimeout(5000);
    snmp4jTarget.setRetries(1);
    transport.listen();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    CpuPerOpProfiler.endOfTrial();
    for (SnmpSession s; (s = sessions.poll()) != null; ) s.close();
    if (confine != null) confine.close();
    if (snmp4j != null) snmp4j.close();
    agent.close();
  }

  /** One caller thread's session (Confine); SNMP4J callers share the benchmark's {@code Snmp}. */
  @State(Scope.Thread)
  public static class Caller {
    SnmpSession session;

    @Setup(Level.Trial)
    public void open(SnmpBenchmark b) {
      if (b.confine != null) {
        session = b.confine.open(b.target);
        b.sessions.add(session);
      }
    }
  }

  private static final Oid LOCATION = Oid.parse(PrivateSnmpd.SYS_LOCATION);
  private static final SnmpValue EXPECTED = SnmpValue.OctetString.of(PrivateSnmpd.LOCATION);
  private static final OID LOCATION4J = new OID(PrivateSnmpd.SYS_LOCATION);
  private static final OID TABLE4J = new OID(TABLE);

  Object get(Caller c) throws IOException {
    if (c.session != null) {
      VarBind vb = c.session.get(LOCATION);
      if (!EXPECTED.equals(vb.value())) throw new IllegalStateException("wrong value " + vb);
      return vb;
    }
    PDU pdu = version.equals("v2c") ? new PDU() : new ScopedPDU();
    pdu.setType(PDU.GET);
    pdu.add(new VariableBinding(LOCATION4J));
    ResponseEvent<UdpAddress> e = snmp4j.send(pdu, snmp4jTarget);
    PDU r = e.getResponse();
    if (r == null || r.getErrorStatus() != 0 || !PrivateSnmpd.LOCATION.equals(r.get(0).getVariable().toString())) {
      throw new IllegalStateException("SNMP4J GET failed: " + (r == null ? "timeout " + e.getError() : r));
    }
    return r;
  }

  int bulkWalk(Caller c) throws IOException {
    int n = 0;
    if (c.session != null) {
      try (Stream<VarBind> s = c.session.bulkWalk(Oid.parse(TABLE), 10)) {
        for (Iterator<VarBind> it = s.iterator(); it.hasNext(); it.next()) n++;
      }
    } else {
      OID next = TABLE4J;
      walk:
      while (true) {
        PDU pdu = version.equals("v2c") ? new PDU() : new ScopedPDU();
        pdu.setType(PDU.GETBULK);
        pdu.setMaxRepetitions(10);
        pdu.setNonRepeaters(0);
        pdu.add(new VariableBinding(next));
        ResponseEvent<UdpAddress> e = snmp4j.send(pdu, snmp4jTarget);
        PDU r = e.getResponse();
        if (r == null || r.getErrorStatus() != 0) throw new IllegalStateException("SNMP4J GETBULK failed: " + (r == null ? "timeout " + e.getError() : r));
        if (r.size() == 0) break;
        for (VariableBinding vb : r.getVariableBindings()) {
          if (!vb.getOid().startsWith(TABLE4J) || vb.isException()) break walk;
          if (vb.getOid().compareTo(next) <= 0) throw new IllegalStateException("non-increasing OID " + vb.getOid());
          next = vb.getOid();
          n++;
        }
      }
    }
    if (n != tableValues) throw new IllegalStateException("bulkwalk returned " + n + " values, expected " + tableValues);
    return n;
  }

  @Benchmark @Threads(1) public Object get1(Caller c) throws IOException { return get(c); }
  @Benchmark @Threads(4) public Object get4(Caller c) throws IOException { return get(c); }
  @Benchmark @Threads(16) public Object get16(Caller c) throws IOException { return get(c); }
  @Benchmark @Threads(64) public Object get64(Caller c) throws IOException { return get(c); }
  @Benchmark @Threads(1) public int bulkwalk1(Caller c) throws IOException { return bulkWalk(c); }
  @Benchmark @Threads(4) public int bulkwalk4(Caller c) throws IOException { return bulkWalk(c); }
  @Benchmark @Threads(16) public int bulkwalk16(Caller c) throws IOException { return bulkWalk(c); }
  @Benchmark @Threads(64) public int bulkwalk64(Caller c) throws IOException { return bulkWalk(c); }
}
