package dev.confine.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LayoutTest {
  @Test
  void check_acceptsThe59Series_upTo594() {
    for (String v : List.of("5.9", "5.9.1", "5.9.3", "5.9.4.pre2")) {
      Layout.check(v);
    }
  }

  @Test
  void check_rejectsOtherVersions_sayingWhatToInstall() {
    for (String v : List.of("5.8", "5.9.5", "5.10", "6.0", "")) {
      LibraryUnavailableException e = assertThrows(LibraryUnavailableException.class, () -> Layout.check(v));
      assertTrue(e.getMessage().contains("libsnmp40") && e.getMessage().contains("'" + v + "'"), e.getMessage());
    }
  }

  @Test
  void theInstalledLibrary_isASupportedVersion() {
    String v = NetSnmpEngine.get().version();
    Layout.check(v);
    assertTrue(v.startsWith("5.9"), v);
  }

  /**
   * Compiles src/test/c/layout_probe.c against the installed headers and compares every offset
   * with Layout. Needs gcc and libsnmp-dev, which a fresh machine does not have (the binding does
   * not need them): then this check is reported as skipped, with the command to enable it.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void offsets_matchTheInstalledHeaders(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        Files.exists(Path.of("/usr/include/net-snmp/net-snmp-includes.h")) && onPath("gcc"),
        "layout check needs gcc and the Net-SNMP headers: apt-get install gcc libsnmp-dev");
    Path exe = dir.resolve("probe");
    Process cc = new ProcessBuilder("gcc", "-o", exe.toString(), Path.of("src/test/c/layout_probe.c").toAbsolutePath().toString(), "-lnetsnmp")
        .redirectErrorStream(true).redirectOutput(dir.resolve("cc.log").toFile()).start();
    assertTrue(cc.waitFor(50, TimeUnit.SECONDS));
    assertEquals(0, cc.exitValue(), Files.readString(dir.resolve("cc.log")));
    Process run = new ProcessBuilder(exe.toString()).redirectOutput(dir.resolve("out").toFile()).start();
    assertTrue(run.waitFor(10, TimeUnit.SECONDS));
    List<String> lines = Files.readAllLines(dir.resolve("out"), StandardCharsets.UTF_8);
    assertTrue(lines.size() > 30, lines.toString());
    for (String line : lines) {
      String[] kv = line.split(" ");
      Field f = Layout.class.getDeclaredField(kv[0]);
      f.setAccessible(true);
      assertEquals(Long.parseLong(kv[1]), ((Number) f.get(null)).longValue(), kv[0]);
    }
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
