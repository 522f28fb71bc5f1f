package dev.confine.graphistry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads a large CSV from a child JVM whose heap (-Xmx48m) is far smaller than the table would take
 * as row objects, so the upload only succeeds if it streams batch by batch. Default 1,000,000 edges;
 * {@code -Dconfine.graphistry.stressEdges=10000000} for the 10-million-edge run. Once through the
 * dataset route and once through the Files API (gzip over the same pipe).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LargeUploadStreamingTest {
  @ParameterizedTest(name = "--files-api {0}")
  @ValueSource(strings = {"auto", "always"})
  void millionEdgeCsv_uploadsFromA48MbHeap(String filesApi, @TempDir Path dir) throws IOException, InterruptedException {
    int edges = Integer.getInteger("confine.graphistry.stressEdges", 1_000_000);
    Path csv = dir.resolve("big.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("src,dst,weight\n");
      for (int i = 0; i < edges; i++) {
        w.write(String.format(Locale.ROOT, "n%d,n%d,%d%n", i, (i * 31 + 7) % edges, i));
      }
    }
    try (FakeGraphistryServer server =
        FakeGraphistryServer.start().addUser("big", "big-pw").keepRows(false).maxUploadBytes(1L << 31)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(List.of(java, "-Xmx48m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), GraphistryTool.class.getName(), "plot", csv.toString(),
          "--src", "src", "--dst", "dst", "--server", server.hostAndPort(), "--protocol", "http",
          "--username", "big", "--password", "big-pw", "--files-api", filesApi))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals(0, p.waitFor(), "child exit; stdout: " + out);
      String id = out.substring(out.indexOf("dataset=") + 8, out.indexOf('&'));
      assertEquals(edges, server.dataset(id).edges().rowCount());
      // auto: 1e6 rows of a ~20 MB CSV stay under the default 100 MiB threshold, so the dataset
      // route (a CSV's row count is not known up front; 1e7 rows, ~250 MB, go to the Files API);
      // always: one gzip file, hashed in a first pass and encoded again for the upload, both streaming
      boolean viaFiles = filesApi.equals("always") || Files.size(csv) > (100L << 20);
      assertEquals(viaFiles ? 1 : 0, server.files().size());
      if (viaFiles) {
        FakeGraphistryServer.FileRecord f = server.files().values().iterator().next();
        assertEquals("gzip", f.compression);
        assertEquals(edges, f.table().rowCount());
      }
    }
  }
}
