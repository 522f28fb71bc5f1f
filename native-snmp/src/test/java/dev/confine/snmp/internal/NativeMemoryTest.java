package dev.confine.snmp.internal;

import dev.confine.snmp.agent.PrivateSnmpd;
import dev.confine.snmp.testagent.SnmpdExtension;
import org.junit.jupiter.api.extension.ExtendWith;
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

/**
 * Native memory is freed on every path: in a child JVM, 4x more rounds of requests on the success
 * and every error path must not grow the C heap by 1 KiB a round or more (one leaked response PDU
 * with one varbind is 280 + 1136 bytes, and a round makes about 20 requests).
 */
@ExtendWith(SnmpdExtension.class)
class NativeMemoryTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyPath_freesItsNativeMemory(PrivateSnmpd agent, @TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // no JIT and one GC thread: the JVM's own C-heap use would otherwise drown the signal
            "-Xint", "-XX:+UseSerialGC", "-Xmx64m",
            "-cp", System.getProperty("java.class.path"),
            NativeMemoryMain.class.getName(), agent.host(), String.valueOf(agent.port()), "60")
        .redirectOutput(out.toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    assertTrue(p.waitFor(110, TimeUnit.SECONDS), "child did not finish");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), lines + Files.readString(dir.resolve("err")));
    String[] f = lines.stream().filter(l -> l.startsWith("HEAP ")).findFirst().orElseThrow().split(" ");
    long growth = Long.parseLong(f[2]) - Long.parseLong(f[1]);
    long rounds = Long.parseLong(f[3]);
    System.out.println("C heap growth over " + rounds + " rounds: " + growth + " bytes");
    assertTrue(growth < 1024 * rounds, "C heap grew " + growth + " bytes over " + rounds + " rounds");
  }
}
