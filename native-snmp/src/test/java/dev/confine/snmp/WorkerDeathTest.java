package dev.confine.snmp;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.Isolation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under child processes, a session lives in one worker. When that worker dies, the session is
 * reopened on a healthy worker by replaying its open, and the next request succeeds.
 */
@ExtendWith(SnmpdExtension.class)
class WorkerDeathTest {
  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void sessionSurvives_itsWorkerBeingKilled(PrivateSnmpd agent) throws Exception {
    Oid location = Oid.parse("1.3.6.1.2.1.1.6.0");
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.childProcesses(1)).open();
        SnmpSession s = c.open(Target.v3(agent.host(), agent.port(), UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123")))) {
      VarBind before = s.get(location);
      List<ProcessHandle> workers =
          ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains("dev.confine.isolation.worker.WorkerMain")).toList();
      assertEquals(1, workers.size(), "expected this client's one worker: " + workers);
      ProcessHandle worker = workers.get(0);
      assertTrue(worker.destroyForcibly());
      worker.onExit().get(30, TimeUnit.SECONDS);
      assertFalse(worker.isAlive());
      VarBind after = null;
      // the first call may still meet the dying worker (WorkerCrashedException); the replay happens on the next
      for (int i = 0; i < 5 && after == null; i++) {
        try {
          after = s.get(location);
        } catch (dev.confine.core.WorkerCrashedException | dev.confine.core.BreakerOpenException e) {
          System.out.println("while replacing: " + e);
        }
      }
      assertEquals(before, after);
    }
  }
}
