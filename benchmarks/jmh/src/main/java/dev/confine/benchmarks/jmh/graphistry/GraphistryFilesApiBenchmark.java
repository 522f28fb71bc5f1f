package dev.confine.benchmarks.jmh.graphistry;

import dev.confine.graphistry.GraphistryClient;
import dev.confine.graphistry.PlotResult;
import dev.confine.graphistry.Table;
import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end {@code plot()} latency on loopback against the fake server, three ways in one run: the
 * dataset route (baseline: uncompressed Arrow), the Files API with a fresh gzip upload every time
 * (file-id reuse off), and the Files API when the same tenant plots the same table again (file-id
 * cache hit: one hashing pass over the table, no upload). The fake server inflates and decodes
 * every upload but keeps no rows. Loopback has no bandwidth limit, so gzip only costs here; its
 * gain on a real network is not measured.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks/jmh -am package -DskipTests && java -jar
 * benchmarks/jmh/target/benchmarks.jar GraphistryFilesApiBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
public class GraphistryFilesApiBenchmark {
  @Param({"1000", "100000"})
  public int edges;

  private Table table;
  private FakeGraphistryServer server;
  private GraphistryClient datasetRoute;
  private GraphistryClient filesUploadEveryTime;
  private GraphistryClient filesReused;

  @Setup(Level.Trial)
  public void setUp() {
    List<Map<String, Object>> rows = new ArrayList<>(edges);
    for (int i = 0; i < edges; i++) {
      Map<String, Object> r = new HashMap<>();
      r.put("src", "node-" + i);
      r.put("dst", "node-" + (i * 7 + 1) % edges);
      r.put("weight", (long) i);
      r.put("score", i * 0.25);
      rows.add(r);
    }
    table = Table.ofRows(rows);
    server = FakeGraphistryServer.start().addUser("bench", "bench-pw").keepRows(false).maxUploadBytes(1L << 31);
    datasetRoute = client().build();
    filesUploadEveryTime = client().alwaysFilesApi(true).reuseUploadedFiles(false).build();
    filesReused = client().alwaysFilesApi(true).build();
    datasetRoute.ensureLoggedIn();
    filesUploadEveryTime.ensureLoggedIn();
    filesReused.plottable().edges(table, "src", "dst").plot(); // uploads once; later plots reuse the file
  }

  private GraphistryClient.Builder client() {
    return GraphistryClient.newBuilder().protocol("http").server(server.hostAndPort())
        .passwordLogin("bench", "bench-pw").uploadTimeout(Duration.ofMinutes(5));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public PlotResult datasetRouteBaseline() {
    return datasetRoute.plottable().edges(table, "src", "dst").plot();
  }

  @Benchmark
  public PlotResult filesApiGzipUpload() {
    return filesUploadEveryTime.plottable().edges(table, "src", "dst").plot();
  }

  @Benchmark
  public PlotResult filesApiReusedFileId() {
    return filesReused.plottable().edges(table, "src", "dst").plot();
  }
}
