package dev.confine.snmp.internal;

import dev.confine.snmp.AuthProtocol;
import dev.confine.snmp.Oid;
import dev.confine.snmp.PrivProtocol;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.Target;
import dev.confine.snmp.UsmUser;
import dev.confine.snmp.VarBind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The workload that shows why the locks exist, meant to run in a child JVM (it may crash it): for
 * {@code seconds}, three of every four of {@code threads} callers open an SNMPv3 authPriv session
 * (or v2c with a 9th argument), resolve and print a MIB name, GET a known value, compare both, and
 * close the session; every fourth caller keeps loading freshly written MIB modules. With {@code
 * -Dconfine.snmp.unsafe.noLocks=true} none of {@link Locking}'s locks is taken; adding {@code
 * -Dconfine.snmp.unsafe.noUsmUpkeep=true} also skips the module's USM key upkeep (bare library). Prints one line {@code RESULT ops=.. errors=..
 * mismatches=.. locks=on|off first=..} and exits 0, unless the JVM dies first.
 *
 * <p>Usage: {@code HazardWorkload host port user authPass privPass expectedSysLocation threads seconds [v2cCommunity]}
 */
public final class HazardWorkload {
  private HazardWorkload() {}

  /** Names sysLocation without importing anything (Debian ships no SNMPv2-SMI). */
  private static final String MIB =
      """
      CONFINE-HAZARD-MIB DEFINITIONS ::= BEGIN
      confineHazardLocation OBJECT IDENTIFIER ::= { iso 3 6 1 2 1 1 6 }
      END
      """;

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    UsmUser user = UsmUser.authPriv(args[2], AuthProtocol.SHA, args[3], PrivProtocol.AES, args[4]);
    String expected = args[5];
    int threads = Integer.parseInt(args[6]);
    long endNanos = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[7])).toNanos();
    Oid sysLocation = Oid.parse("1.3.6.1.2.1.1.6.0");
    // optional 9th argument: a v2c community instead of the v3 user (to compare what the locks protect)
    Target target =
        (args.length > 8 ? Target.v2c(host, port, args[8]) : Target.v3(host, port, user)).withTimeout(Duration.ofSeconds(2)).withRetries(0);
    AtomicLong ops = new AtomicLong();
    java.util.concurrent.atomic.AtomicInteger modules = new java.util.concurrent.atomic.AtomicInteger();
    AtomicLong errors = new AtomicLong();
    AtomicLong mismatches = new AtomicLong();
    AtomicReference<String> first = new AtomicReference<>("none");
    CountDownLatch done = new CountDownLatch(threads);
    boolean names = true;
    java.nio.file.Path mibDir = java.nio.file.Files.createTempDirectory("confine-hazard-mib");
    java.nio.file.Files.writeString(mibDir.resolve("CONFINE-HAZARD-MIB.txt"), MIB);
    SnmpClient.Builder builder = SnmpClient.newBuilder().mibDirectory(mibDir).mibModule("CONFINE-HAZARD-MIB");
    try (SnmpClient client = builder.open()) {
      List<Thread> started = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        boolean loader = i % 4 == 3;
        Thread t =
            new Thread(
                () -> {
                  try {
                    while (loader && System.nanoTime() < endNanos) {
                      // MIB loading writes the process-global tree while the others read it
                      int n = modules.incrementAndGet();
                      try {
                        String name = "CONFINE-HAZARD-LOAD-" + n;
                        java.nio.file.Files.writeString(
                            mibDir.resolve(name + ".txt"),
                            name + " DEFINITIONS ::= BEGIN\nconfineLoad" + n + " OBJECT IDENTIFIER ::= { iso 3 6 1 4 1 99996 " + n + " }\n"
                                + "confineLoadLeaf" + n + " OBJECT IDENTIFIER ::= { confineLoad" + n + " 1 }\nEND\n");
                        SnmpClient.newBuilder().mibDirectory(mibDir).mibModule(name).open().close();
                        ops.incrementAndGet();
                      } catch (java.io.IOException | RuntimeException e) {
                        errors.incrementAndGet();
                        first.compareAndSet("none", e.toString());
                      }
                    }
                    while (!loader && System.nanoTime() < endNanos) {
                      try (SnmpSession s = client.open(target)) {
                        for (int k = 0; k < 3; k++) {
                          // the MIB tree is process-global: resolve and print a name too
                          Oid byName = names ? client.oid("CONFINE-HAZARD-MIB::confineHazardLocation.0") : sysLocation;
                          if (names && !client.name(byName).equals("CONFINE-HAZARD-MIB::confineHazardLocation.0")) {
                            mismatches.incrementAndGet();
                            first.compareAndSet("none", "wrong name " + client.name(byName));
                          }
                          VarBind vb = s.get(byName);
                          ops.incrementAndGet();
                          String got = vb.value().toString();
                          if (!got.equals("OctetString[\"" + expected + "\"]")) {
                            mismatches.incrementAndGet();
                            first.compareAndSet("none", "wrong value " + got);
                          }
                        }
                      } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        first.compareAndSet("none", e.toString());
                      }
                    }
                  } finally {
                    done.countDown();
                  }
                },
                "hazard-" + i);
        t.start();
        started.add(t);
      }
      done.await();
    } finally {
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(mibDir)) {
        for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
          java.nio.file.Files.deleteIfExists(f);
        }
      }
      java.nio.file.Files.deleteIfExists(mibDir);
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT ops=%d errors=%d mismatches=%d locks=%s first=%s",
            ops.get(), errors.get(), mismatches.get(), Locking.NO_LOCKS ? "off" : "on", first.get().replace('\n', ' ')));
  }
}
