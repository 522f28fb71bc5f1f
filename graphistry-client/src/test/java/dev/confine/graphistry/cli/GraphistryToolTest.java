package dev.confine.graphistry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GraphistryToolTest {
  @Test
  void plotCsv_printsTheUrl_andTheServerHasTheRows(@TempDir Path dir) throws Exception {
    Path edges = dir.resolve("edges.csv");
    Path nodes = dir.resolve("nodes.csv");
    Files.writeString(edges, "a,b\nx,y\ny,z\n");
    Files.writeString(nodes, "id,kind\nx,host\ny,host\nz,router\n");
    try (FakeGraphistryServer server = FakeGraphistryServer.start().addUser("cli", "cli-pw")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = GraphistryTool.run(new String[] {"plot", edges.toString(), "--src", "a", "--dst", "b",
          "--nodes", nodes.toString(), "--node", "id", "--server", server.hostAndPort(), "--protocol", "http",
          "--username", "cli"}, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("GRAPHISTRY_PASSWORD", "cli-pw"));
      assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
      URI url = URI.create(out.toString(StandardCharsets.UTF_8).trim());
      String id = url.getQuery().split("&")[0].substring("dataset=".length());
      FakeGraphistryServer.Dataset d = server.dataset(id);
      assertEquals(2, d.edges().rowCount());
      assertEquals("router", d.nodes().rows().get(2).get("kind"));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("rows encoded"));
      assertFalse(err.toString(StandardCharsets.UTF_8).contains("cli-pw"));
    }
  }

  @Test
  void badArguments_exit2WithUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, GraphistryTool.run(new String[] {"plot", "e.csv", "--src", "a"}, System.out, e, Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing --dst"));
    assertEquals(2, GraphistryTool.run(new String[] {"plot", "e.csv", "--bogus", "1"}, System.out, e, Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --bogus"));
    assertEquals(2, GraphistryTool.run(new String[] {"plot", "/nonexistent.csv", "--src", "a", "--dst", "b",
        "--server", "h", "--username", "u", "--password", "p"}, System.out, e, Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("CSV file not readable"));
    assertEquals(2, GraphistryTool.run(new String[] {"plot", "e.csv", "--src", "a", "--dst", "b",
        "--server", "h", "--username", "u", "--password", "p", "--files-api", "sometimes"}, System.out, e, Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--files-api must be auto or always, got 'sometimes'"));
  }
}
