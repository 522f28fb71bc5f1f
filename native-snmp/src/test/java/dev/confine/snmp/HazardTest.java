package dev.confine.snmp;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hazard is real: the same workload ({@code HazardWorkload}: 12 threads opening SNMPv3
 * authPriv sessions with one user name, resolving and printing a MIB name, GETting a known value,
 * closing; 4 threads loading MIB modules) in a child JVM for 4 s, once through the module's locks
 * and once with them switched off. With locks it must finish with zero errors and zero wrong
 * values; without them it must crash the child or produce errors or wrong values. What breaks
 * first is the USM user list (the module's per-session key upkeep plus the library's own use of
 * it); the bare library without that upkeep fails far less often (see README).
 */
@ExtendWith(SnmpdExtension.class)
class HazardTest {
  private static final Pattern RESULT = Pattern.compile("RESULT ops=(\\d+) errors=(\\d+) mismatches=(\\d+) locks=(\\w+) first=(.*)");

  record Outcome(int exitCode, String resultLine, String stderrTail) {}

  @TempDir Path tmp;

  private Outcome run(PrivateSnmpd agent, boolean locks) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "hazard", ".out");
    Path err = Files.createTempFile(tmp, "hazard", ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dconfine.snmp.unsafe.noLocks=" + !locks);
    cmd.add("-XX:-CreateCoredumpOnCrash");
    // the child's scratch MIB files stay in this test's directory even if it crashes
    cmd.add("-Djava.io.tmpdir=" + tmp);
    // a crash report must not land in the module directory
    cmd.add("-XX:ErrorFile=" + tmp + "/hs_err_%p.log");
    cmd.add("dev.confine.snmp.internal.HazardWorkload");
    cmd.addAll(List.of(agent.host(), String.valueOf(agent.port()), agent.authPrivUser().name(), agent.authPrivUser().authPassword(), agent.authPrivUser().privPassword(), PrivateSnmpd.LOCATION, "16", "4"));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    List<String> errLines = Files.readAllLines(err, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    String line = stdout.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse(null);
    // the JVM prints its crash summary (problematic frame) to stdout, glibc its heap-corruption abort to stderr
    List<String> signs = new ArrayList<>(stdout.lines().filter(l -> l.contains("SIGSEGV") || l.startsWith("# C  [")).toList());
    signs.addAll(errLines.subList(Math.max(0, errLines.size() - 3), errLines.size()));
    String tail = String.join(" | ", signs);
    return new Outcome(p.exitValue(), line, tail);
  }

  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void v3Workload_withLocks_isClean_withoutLocks_failsOrCorrupts(PrivateSnmpd agent) throws Exception {
    Outcome safe = run(agent, true);
    assertEquals(0, safe.exitCode(), "with locks the child must exit normally: " + safe);
    Matcher m = RESULT.matcher(String.valueOf(safe.resultLine()));
    assertTrue(m.matches(), "no result line: " + safe);
    assertTrue(Long.parseLong(m.group(1)) > 0, "no operations: " + safe);
    assertEquals("0", m.group(2), "errors with locks: " + safe);
    assertEquals("0", m.group(3), "wrong values with locks: " + safe);

    Outcome unsafe = run(agent, false);
    System.out.println("without locks: " + unsafe);
    boolean crashed = unsafe.exitCode() != 0 || unsafe.resultLine() == null;
    boolean corrupted = false;
    if (!crashed) {
      Matcher u = RESULT.matcher(unsafe.resultLine());
      assertTrue(u.matches() && u.group(4).equals("off"), "the child did not run unlocked: " + unsafe);
      corrupted = Long.parseLong(u.group(2)) + Long.parseLong(u.group(3)) > 0;
    }
    assertTrue(crashed || corrupted, "the unprotected workload neither crashed nor failed: " + unsafe);
  }
}
