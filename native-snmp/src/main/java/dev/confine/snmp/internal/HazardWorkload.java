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
 * The workload that shows why the locks exist, meant to run in a child JVM (it may crash it):
 * {@code threads} callers each open an SNMPv3 authPriv session, GET a known value, compare it,
 * and close the session, for {@code seconds}. With {@code -Dconfine.snmp.unsafe.noLocks=true}
 * none of {@link Locking}'s locks is taken. Prints one line {@code RESULT ops=.. errors=..
 * mismatches=.. locks=on|off first=..} and exits 0, unless the JVM dies first.
 *
 * <p>Usage: {@code HazardWorkload host port user authPass privPass expectedSysLocation threads seconds}
 */
public final class HazardWorkload {
  private HazardWorkload() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    UsmUser user = UsmUser.authPriv(args[2], AuthProtocol.SHA, args[3], PrivProtocol.AES, args[4]);
    String expected = args[5];
    int threads = Integer.parseInt(args[6]);
    long endNanos = System.nanoTime() + Duration.ofSeconds(Long.parseLong(args[7])).toNanos();
    Oid sysLocation = Oid.parse("1.3.6.1.2.1.1.6.0");
    Target target = Target.v3(host, port, user).withTimeout(Duration.ofSeconds(2)).withRetries(0);
    AtomicLong ops = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong mismatches = new AtomicLong();
    AtomicReference<String> first = new AtomicReference<>("none");
    CountDownLatch done = new CountDownLatch(threads);
    try (SnmpClient client = SnmpClient.newBuilder().open()) {
      List<Thread> started = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    while (System.nanoTime() < endNanos) {
                      try (SnmpSession s = client.open(target)) {
                        for (int k = 0; k < 3; k++) {
                          VarBind vb = s.get(sysLocation);
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
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT ops=%d errors=%d mismatches=%d locks=%s first=%s",
            ops.get(), errors.get(), mismatches.get(), Locking.NO_LOCKS ? "off" : "on", first.get().replace('\n', ' ')));
  }
}
