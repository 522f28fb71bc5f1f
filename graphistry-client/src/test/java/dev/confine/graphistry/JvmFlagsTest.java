package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Arrow needs --add-opens on JDK 17+: a child JVM started without it must fail with that exact fix. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JvmFlagsTest {
  /** Child main: encodes a table; exit 0 if it worked, 3 with the message on stderr if not. */
  public static final class Probe {
    public static void main(String[] args) throws IOException {
      try {
        ArrowEncoder.write(Table.ofRows(Fixtures.edgeRows("p", 1)), java.io.OutputStream.nullOutputStream(),
            10, "edges", PlotListener.none());
        System.exit(0);
      } catch (GraphistryException e) {
        System.err.println(e.getMessage());
        System.exit(3);
      }
    }
  }

  private static Process run(List<String> flags) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java));
    cmd.addAll(flags);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  @Test
  void withoutAddOpens_failsWithTheExactFix() throws Exception {
    Process p = run(List.of());
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(3, p.waitFor(), err);
    assertTrue(err.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), err);
  }

  @Test
  void withAddOpens_encodes() throws Exception {
    Process p = run(List.of("--add-opens=java.base/java.nio=ALL-UNNAMED"));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
  }
}
