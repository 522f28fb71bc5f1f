package dev.confine.benchmarks.jmh.graphistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.confine.graphistry.GraphistryClient;
import dev.confine.graphistry.PlotListener;
import dev.confine.graphistry.PlotResult;
import dev.confine.graphistry.Table;
import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.io.OutputStream;
import java.lang.reflect.Method;
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
 * Arrow encoding of an edge table (src, dst strings; weight long; score double), beside a peer: Jackson
 * writing the same rows as JSON (what a JSON upload would send). And end-to-end {@code plot()}
 * latency (login once, then create dataset + stream the Arrow upload) against the fake server on
 * loopback, which decodes the whole Arrow file but keeps no rows.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks/jmh -am package -DskipTests && java -jar
 * benchmarks/jmh/target/benchmarks.jar GraphistryUploadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx4g"})
public class GraphistryUploadBenchmark {
  @Param({"1000", "100000", "1000000"})
  public int edges;

  private List<Map<String, Object>> rows;
  private Table table;
  private Method encode;
  private final ObjectMapper json = new ObjectMapper();
  private FakeGraphistryServer server;
  private GraphistryClient client;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    rows = new ArrayList<>(edges);
    for (int i = 0; i < edges; i++) {
      Map<String, Object> r = new HashMap<>();
      r.put("src", "node-" + i);
      r.put("dst", "node-" + (i * 7 + 1) % edges);
      r.put("weight", (long) i);
      r.put("score", i * 0.25);
      rows.add(r);
    }
    table = Table.ofRows(rows);
    // the encoder is package-private (not API); the benchmark runs on the class path and reaches it directly
    Class<?> enc = Class.forName("dev.confine.graphistry.ArrowEncoder");
    encode = enc.getDeclaredMethod("write", Table.class, OutputStream.class, int.class, String.class, PlotListener.class);
    encode.setAccessible(true);
    server = FakeGraphistryServer.start().addUser("bench", "bench-pw").keepRows(false).maxUploadBytes(1L << 31);
    client = GraphistryClient.newBuilder().protocol("http").server(server.hostAndPort())
        .passwordLogin("bench", "bench-pw").uploadTimeout(Duration.ofMinutes(5)).build();
    client.ensureLoggedIn();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public Object arrowEncode() throws Exception {
    return encode.invoke(null, table, OutputStream.nullOutputStream(), 65_536, "edges", PlotListener.none());
  }

  @Benchmark
  public void jsonEncodePeer() throws Exception {
    json.writeValue(OutputStream.nullOutputStream(), rows);
  }

  @Benchmark
  public PlotResult plotEndToEnd() {
    return client.plottable().edges(table, "src", "dst").plot();
  }
}
