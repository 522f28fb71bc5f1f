package dev.confine.snmp.internal;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Library state stays private to the process: a child JVM initialises Net-SNMP and makes a v2c and
 * a v3 request; it must print nothing on stderr, write nothing under /var/lib/snmp or $HOME/.snmp,
 * and leave LC_CTYPE and the MIBS variable as it found them.
 */
@ExtendWith(SnmpdExtension.class)
class ProcessPrivateTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void init_isQuiet_persistsNothing_andRestoresLocaleAndEnvironment(PrivateSnmpd agent, @TempDir Path home) throws Exception {
    Map<String, Long> varLibBefore = snapshot(Path.of("/var/lib/snmp"));
    Path out = home.resolve("out");
    Path err = home.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ProcessPrivateMain.class.getName(), agent.host(), String.valueOf(agent.port()));
    pb.environment().put("HOME", home.toString());
    pb.environment().put("MIBS", "ALL");
    // so that init_snmp's setlocale(LC_CTYPE, "") would visibly switch C to C.UTF-8
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(50, TimeUnit.SECONDS));
    List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), stdout + " " + Files.readString(err));
    assertEquals("", Files.readString(err, StandardCharsets.UTF_8), "stderr must stay silent");
    assertEquals(List.of("LOCALE C C", "MIBS ALL ALL"), stdout);
    assertFalse(Files.exists(home.resolve(".snmp")), "nothing may be written under $HOME/.snmp");
    assertEquals(varLibBefore, snapshot(Path.of("/var/lib/snmp")), "nothing may change under /var/lib/snmp");
  }

  private static Map<String, Long> snapshot(Path dir) throws IOException {
    Map<String, Long> m = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return m;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        m.put(p.toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }
}
