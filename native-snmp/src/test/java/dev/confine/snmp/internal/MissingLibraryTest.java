package dev.confine.snmp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A missing libnetsnmp is a clear error naming what to install, not a crash (child JVM: the library loads once per process). */
class MissingLibraryTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void missingLibrary_isAClearErrorSayingWhatToInstall(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("libnetsnmp.so.40");
    Path out = dir.resolve("out");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            "-D" + LibNetSnmp.LIBRARY_PROPERTY + "=" + missing,
            MissingLibraryMain.class.getName())
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    assertTrue(p.waitFor(50, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err")));
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(1, lines.size(), lines.toString());
    String line = lines.get(0);
    assertTrue(line.startsWith("ERROR LibraryUnavailableException: "), line);
    assertTrue(line.contains(missing.toString()) && line.contains("apt-get install libsnmp40"), line);
  }
}
