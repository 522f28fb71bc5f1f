package dev.confine.benchmarks.jmh.mockspark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the mockspark and Spark benchmarks of this package in one run and writes both side by side, with ratios,
 * to {@code benchmarks/results/mockspark.md} (and stdout); a run given a benchmark filter writes
 * {@code mockspark-<filter>.md} instead, so it never replaces the full table. JMH's own arguments pass through (e.g.
 * {@code -f 1}).
 *
 * <p>Run from the repository root, after {@code ./mvnw -B -q -pl benchmarks/jmh -am -DskipTests package}:
 * {@code java -cp benchmarks/jmh/target/benchmarks.jar dev.confine.benchmarks.jmh.mockspark.MockSparkBenchMain}
 */
public final class MockSparkBenchMain {
  private MockSparkBenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      b.include(MockSparkBenchMain.class.getPackageName().replace(".", "\\.") + "\\..*Benchmark.*");
    }
    Collection<RunResult> results = new Runner(b.build()).run();

    // "Cold.sessionStart" -> engine/mode -> [score, error]
    Map<String, Map<String, double[]>> byOp = new LinkedHashMap<>();
    for (RunResult r : results) {
      String bm = r.getParams().getBenchmark();
      String cls = bm.substring(bm.lastIndexOf('.', bm.lastIndexOf('.') - 1) + 1, bm.lastIndexOf('.'));
      String method = bm.substring(bm.lastIndexOf('.') + 1);
      boolean spark = cls.startsWith("Spark");
      String kind = cls.replace("MockSpark", "").replace("Spark", "").replace("Benchmark", "");
      String engine = spark ? "spark" : "mockspark " + r.getParams().getParam("isolation");
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      byOp.computeIfAbsent(kind + " " + method, k -> new LinkedHashMap<>()).put(engine, new double[] {score, error});
    }

    StringBuilder md = new StringBuilder();
    md.append("# mockspark vs Apache Spark (local[1])\n\n");
    md.append(String.format(Locale.ROOT, "- Machine: %d cores, %s %s\n- JDK: %s %s\n- Date: %s\n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0))));
    md.append("- Command: `java -cp benchmarks/jmh/target/benchmarks.jar ")
        .append(MockSparkBenchMain.class.getName()).append(args.length == 0 ? "" : " " + String.join(" ", args))
        .append("` (after `./mvnw -B -q -pl benchmarks/jmh -am -DskipTests package`)\n");
    md.append("- Cold rows: single shots, one per fresh JVM fork (mean of the forks); steady rows: average time per"
        + " operation on a warmed session. Times in ms; ± is JMH's 99.9% error. Ratio = mockspark time / Spark time"
        + " (goals: session start <= 1/50 = 0.02, steady state <= 1/10 = 0.1).\n\n");
    md.append("| operation | Spark ms | mockspark in-process ms | ratio | mockspark child-process ms | ratio |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, double[]>> e : byOp.entrySet()) {
      double[] spark = e.getValue().get("spark");
      double[] local = e.getValue().get("mockspark thread-confined");
      double[] child = e.getValue().get("mockspark child-processes");
      md.append("| ").append(e.getKey()).append(" | ").append(cell(spark)).append(" | ").append(cell(local))
          .append(" | ").append(ratio(local, spark)).append(" | ").append(cell(child)).append(" | ")
          .append(ratio(child, spark)).append(" |\n");
    }
    String name = cmd.getIncludes().isEmpty()
        ? "mockspark.md"
        : "mockspark-" + String.join("_", cmd.getIncludes()).replaceAll("[^A-Za-z0-9_.-]", "_") + ".md";
    Path out = Path.of("").toAbsolutePath();
    out = Files.isDirectory(out.resolve("benchmarks")) ? out.resolve("benchmarks/results").resolve(name) : out.resolve(name);
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println(md);
    System.out.println("written to " + out);
  }

  private static String cell(double[] v) {
    if (v == null) {
      return "n/a";
    }
    return Double.isNaN(v[1]) ? String.format(Locale.ROOT, "%.3f", v[0]) : String.format(Locale.ROOT, "%.3f ± %.3f", v[0], v[1]);
  }

  private static String ratio(double[] mock, double[] spark) {
    if (mock == null || spark == null || spark[0] == 0) {
      return "n/a";
    }
    double r = mock[0] / spark[0];
    return r < 1 ? String.format(Locale.ROOT, "%.4f (1/%.0f)", r, 1 / r) : String.format(Locale.ROOT, "%.2f (%.1fx slower)", r, r);
  }
}
