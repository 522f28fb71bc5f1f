package dev.confine.snmp.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import dev.confine.snmp.AuthProtocol;
import dev.confine.snmp.PrivProtocol;
import dev.confine.snmp.Oid;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpException;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.SnmpValue;
import dev.confine.snmp.Target;
import dev.confine.snmp.UsmUser;
import dev.confine.snmp.VarBind;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Child-JVM probe for {@link NativeMemoryTest}: runs rounds of requests on every path (success,
 * noSuchInstance, error-status, SET wrongType, v3 authentication failure before and after
 * engine-id discovery, v3 authPriv GET and GETBULK, timeout, session
 * open/close) and prints the C heap in use (glibc mallinfo2) after a warm-up and after the
 * measured rounds. Args: host port rounds.
 */
public final class NativeMemoryMain {
  private NativeMemoryMain() {}

  /** glibc's struct mallinfo2, all size_t. */
  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost"})
  public static class MallInfo2 extends Structure implements Structure.ByValue {
    public long arena;
    public long ordblks;
    public long smblks;
    public long hblks;
    public long hblkhd;
    public long usmblks;
    public long fsmblks;
    public long uordblks;
    public long fordblks;
    public long keepcost;
  }

  interface Malloc extends Library {
    MallInfo2 mallinfo2();
  }

  public static void main(String[] args) throws Exception {
    Malloc libc = Native.load("c", Malloc.class);
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    try (SnmpClient client = SnmpClient.newBuilder().open();
        DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Runnable round = () -> oneRound(client, host, port, silent.getLocalPort());
      for (int i = 0; i < rounds; i++) {
        round.run();
      }
      long before = inUse(libc);
      for (int i = 0; i < rounds * 4; i++) {
        round.run();
      }
      long after = inUse(libc);
      System.out.println("HEAP " + before + " " + after + " " + rounds * 4);
    }
  }

  private static void oneRound(SnmpClient client, String host, int port, int silentPort) {
    Oid location = Oid.parse("1.3.6.1.2.1.1.6.0");
    Oid contact = Oid.parse("1.3.6.1.2.1.1.4.0");
    try (SnmpSession s = client.open(Target.v2c(host, port, "private"))) {
      for (int k = 0; k < 5; k++) {
        s.get(List.of(location, Oid.parse("1.3.6.1.2.1.1.6.1")));
        s.getBulk(0, 10, List.of(Oid.parse("1.3.6.1.2.1.1")));
        expectFailure(() -> s.set(List.of(new VarBind(contact, new SnmpValue.Integer32(1)))));
      }
    }
    try (SnmpSession v1 = client.open(Target.v1(host, port, "public"))) {
      expectFailure(() -> v1.get(Oid.parse("1.3.6.1.2.1.1.6.1")));
    }
    try (SnmpSession bad = client.open(Target.v3(host, port, UsmUser.auth("authuser", AuthProtocol.SHA, "wrong-pass-1")).withRetries(0))) {
      expectFailure(() -> bad.get(location)); // the first request: engine-id discovery, then the report
      expectFailure(() -> bad.get(location)); // engine id known: the stepwise exchange's report path
    }
    try (SnmpSession v3 = client.open(Target.v3(host, port, UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123")))) {
      for (int k = 0; k < 3; k++) {
        v3.get(List.of(location, Oid.parse("1.3.6.1.2.1.1.6.1"))); // the callback's response clone
        v3.getBulk(0, 10, List.of(Oid.parse("1.3.6.1.2.1.1")));
      }
    }
    try (SnmpSession t = client.open(Target.v2c("127.0.0.1", silentPort, "public").withTimeout(Duration.ofMillis(2)).withRetries(0))) {
      expectFailure(() -> t.get(location));
    }
  }

  private static void expectFailure(Runnable r) {
    try {
      r.run();
      throw new AssertionError("expected a failure");
    } catch (SnmpException expected) {
      // the path under test
    }
  }

  private static long inUse(Malloc libc) throws InterruptedException {
    // JNA's own Memory blocks are freed when collected; collect until the heap stops shrinking
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      System.gc();
      Thread.sleep(50); // lets JNA's cleaner thread run; a measurement, not synchronisation
      MallInfo2 m = libc.mallinfo2();
      long now = m.uordblks + m.hblkhd;
      if (now >= last && i > 3) {
        return Math.min(now, last);
      }
      last = Math.min(now, last);
    }
    return last;
  }
}
