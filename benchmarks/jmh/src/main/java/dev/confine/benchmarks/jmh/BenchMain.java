package dev.confine.benchmarks.jmh;

import dev.confine.benchmarks.jmh.isolation.HelloMain;
import dev.confine.benchmarks.jmh.isolation.TrivialBackend;
import dev.confine.isolation.ChildProcessOptions;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code ./confine bench [JMH args]}: runs the JMH benchmarks (all by default, with modest
 * iterations; JMH's own arguments filter and override), measures worker start-to-ready against a
 * hello-world JVM, and writes one markdown report (machine, JDK, date; a table per benchmark
 * class; ratios against the in-run baselines) to {@code benchmarks/results/<name>.md} and stdout.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cmd = new CommandLineOptions(args);
    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      b.include(".*");
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(2);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(1));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(3);
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(1));
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (cmd.getProfilers().isEmpty()) {
      b.addProfiler(GCProfiler.class);
      b.addProfiler(CpuPerOpProfiler.class);
    }
    Collection<RunResult> results = new Runner(b.build()).run();

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append(machine()).append('\n');
    md.append("Command: `./confine bench").append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n\n");
    tables(results, md);
    isolationRatios(results, md);
    snmpRatios(results, md);
    snmpCpu(results, md);
    if (cmd.getIncludes().isEmpty() || cmd.getIncludes().stream().anyMatch("isolation"::contains)
        || cmd.getIncludes().stream().anyMatch(s -> s.contains("isolation"))) {
      startToReady(md);
    }
    String name =
        cmd.getIncludes().isEmpty() ? "all" : String.join("_", cmd.getIncludes()).replaceAll("[^A-Za-z0-9_.-]", "_");
    Path out = resultsDir().resolve(name + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(md);
    System.out.println("written to " + out);
  }

  private static Path resultsDir() {
    // run from the repository root by ./confine; fall back to the working directory
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("benchmarks")) ? here.resolve("benchmarks/results") : here.resolve("results");
  }

  static String machine() {
    String cpu = "unknown";
    String mem = "unknown";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse(cpu);
      mem =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .findFirst()
              .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
              .orElse(mem);
    } catch (IOException | RuntimeException e) {
      // not Linux: leave unknown
    }
    return String.format(
        Locale.ROOT,
        "- Machine: %d cores, %s, %s memory, %s %s\n- JDK: %s %s (%s)\n- Date: %s\n",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        mem,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)));
  }

  private static String className(BenchmarkParams p) {
    String bm = p.getBenchmark();
    return bm.substring(0, bm.lastIndexOf('.'));
  }

  private static String method(BenchmarkParams p) {
    String bm = p.getBenchmark();
    return bm.substring(bm.lastIndexOf('.') + 1);
  }

  private static String params(BenchmarkParams p) {
    List<String> kv = new ArrayList<>();
    for (String k : p.getParamsKeys()) {
      kv.add(k + "=" + p.getParam(k));
    }
    return String.join(", ", kv);
  }

  /** One table per benchmark class, whatever its benchmarks measure. */
  static void tables(Collection<RunResult> results, StringBuilder md) {
    Map<String, List<RunResult>> byClass = new TreeMap<>();
    for (RunResult r : results) {
      byClass.computeIfAbsent(className(r.getParams()), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<RunResult>> e : byClass.entrySet()) {
      md.append("## ").append(e.getKey()).append("\n\n");
      md.append("| benchmark | params | threads | mode | score | unit | p50 | p99 | ops/s (all threads) | alloc B/op |\n");
      md.append("|---|---|---:|---|---:|---|---:|---:|---:|---:|\n");
      for (RunResult r : e.getValue()) {
        BenchmarkParams p = r.getParams();
        Result<?> primary = r.getPrimaryResult();
        Statistics s = primary.getStatistics();
        boolean sample = p.getMode().shortLabel().equals("sample");
        String unit = primary.getScoreUnit();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %s | %.3f | %s | %s | %s | %s | %s |\n",
                method(p),
                params(p),
                p.getThreads(),
                p.getMode().shortLabel(),
                primary.getScore(),
                unit,
                sample ? String.format(Locale.ROOT, "%.3f", s.getPercentile(50)) : "",
                sample ? String.format(Locale.ROOT, "%.3f", s.getPercentile(99)) : "",
                sample ? String.format(Locale.ROOT, "%.0f", throughput(p.getThreads(), primary.getScore(), unit)) : "",
                alloc(r)));
      }
      md.append('\n');
    }
  }

  private static double throughput(int threads, double meanTime, String unit) {
    double perSecond =
        switch (unit.split("/")[0]) {
          case "ns" -> 1e9;
          case "us" -> 1e6;
          case "ms" -> 1e3;
          default -> 1;
        };
    return threads * perSecond / meanTime;
  }

  private static String alloc(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return String.format(Locale.ROOT, "%.0f", e.getValue().getScore());
      }
    }
    return "";
  }

  /** The issue's targets: each strategy's p50 over its own baseline's p50, per thread count. */
  static void isolationRatios(Collection<RunResult> results, StringBuilder md) {
    Map<String, Double> p50 = new LinkedHashMap<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      if (!p.getBenchmark().endsWith("isolation.CallOverheadBenchmark." + method(p))) {
        continue;
      }
      p50.put(p.getParam("path") + "@" + p.getThreads(), r.getPrimaryResult().getStatistics().getPercentile(50));
    }
    if (p50.isEmpty()) {
      return;
    }
    md.append("## Isolation: each strategy against its baseline (p50 ratio, same run)\n\n");
    md.append("| strategy | baseline | threads | strategy p50 (us) | baseline p50 (us) | ratio | target |\n");
    md.append("|---|---|---:|---:|---:|---:|---|\n");
    String[][] pairs = {
      {"serialized", "lock", "<= 2x"},
      {"thread-confined", "executor", "<= 0.25x"},
      {"child-processes", "raw-pipe", "<= 1.5x"},
      // the same pipe served first come, first served, as the pool's queue serves its callers
      {"child-processes", "raw-pipe-fifo", "<= 1.5x"},
    };
    for (String[] pair : pairs) {
      for (int t : new int[] {1, 4, 64}) {
        Double s = p50.get(pair[0] + "@" + t);
        Double base = p50.get(pair[1] + "@" + t);
        if (s == null || base == null) {
          continue;
        }
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.3f | %.3f | %.2fx | %s |\n",
                pair[0],
                pair[1],
                t,
                s,
                base,
                base == 0 ? Double.NaN : s / base,
                pair[2]));
      }
    }
    md.append(
        "\nSample-mode percentiles have the timer's resolution (tens of ns); for the lock pair at"
            + " one thread both sides are at that floor, so the ratio there is coarse.\n\n");
  }

  private static final List<String> SNMP_CLIENTS =
      List.of("confine-default", "confine-serialized", "confine-thread-confined", "confine-child-processes");

  /**
   * The SNMP issue's reading: each Confine client's throughput over SNMP4J's doing the same work against the same
   * agent in the same run (above 1x: Confine ahead), per operation, version and caller count.
   */
  static void snmpRatios(Collection<RunResult> results, StringBuilder md) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Map<String, Double>> scores = snmpValues(results, r -> r.getPrimaryResult().getScore(), names);
    List<String> clients = snmpClientsBesideSnmp4j(scores);
    if (clients.isEmpty()) {
      return;
    }
    md.append("## SNMP: each Confine client against SNMP4J (throughput ratio, same run, same agent)\n\n");
    snmpTable(md, names, clients, "%.0f", List.of(scores), List.of("ops/s"));
    md.append(
        "\nThe issue's goal: ahead of SNMP4J (above 1x) at 16 and 64 callers for v2c. Single runs on a shared VM"
            + " vary by tens of percent; see native-snmp/TOOLS.md for repeated and paired runs.\n\n");
  }

  /**
   * One table of SNMP figures, a row per benchmark measured with SNMP4J: SNMP4J's columns, then each Confine
   * client's, the first column of each client with its ratio to SNMP4J's. {@code columns} and {@code headings}
   * pair up; rows are the first column's keys.
   */
  private static void snmpTable(
      StringBuilder md, Map<String, String> names, List<String> clients, String format, List<Map<String, Map<String, Double>>> columns, List<String> headings) {
    List<String> snmp4jFirst = new ArrayList<>(clients);
    snmp4jFirst.add(0, "snmp4j");
    StringBuilder rule = new StringBuilder("|---|---|---:|");
    md.append("| benchmark | version | threads |");
    for (String client : snmp4jFirst) {
      for (int i = 0; i < headings.size(); i++) {
        md.append(' ').append(client).append(' ').append(headings.get(i)).append(i == 0 && !client.equals("snmp4j") ? " (/ snmp4j) |" : " |");
        rule.append("---:|");
      }
    }
    md.append('\n').append(rule).append('\n');
    for (Map.Entry<String, Map<String, Double>> e : columns.get(0).entrySet()) {
      Double base = e.getValue().get("snmp4j");
      if (base == null) {
        continue;
      }
      String[] key = e.getKey().split("\\|");
      md.append(String.format(Locale.ROOT, "| %s | %s | %d |", names.get(e.getKey()), key[0], Integer.parseInt(key[2])));
      for (String client : snmp4jFirst) {
        for (int i = 0; i < columns.size(); i++) {
          Double v = columns.get(i).getOrDefault(e.getKey(), Map.of()).get(client);
          md.append(v == null ? "" : ' ' + String.format(Locale.ROOT, format, v));
          if (v != null && i == 0 && !client.equals("snmp4j")) {
            md.append(String.format(Locale.ROOT, " (%.2fx)", base == 0 ? Double.NaN : v / base));
          }
          md.append(" |");
        }
      }
      md.append('\n');
    }
  }

  /**
   * One value per SNMP benchmark and client, keyed {@code "v2c|bulkwalk|016"} (so sorted by version,
   * operation, callers); {@code names} gets each key's benchmark method. Runs without the value are left out.
   */
  private static Map<String, Map<String, Double>> snmpValues(
      Collection<RunResult> results, java.util.function.Function<RunResult, Double> value, Map<String, String> names) {
    Map<String, Map<String, Double>> values = new TreeMap<>();
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      Double v = value.apply(r);
      if (!p.getBenchmark().endsWith("snmp.SnmpBenchmark." + method(p)) || v == null) {
        continue;
      }
      String key = String.format(Locale.ROOT, "%s|%s|%03d", p.getParam("version"), method(p).replaceAll("\\d+$", ""), p.getThreads());
      values.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(p.getParam("client"), v);
      names.put(key, method(p));
    }
    return values;
  }

  /** The Confine clients measured beside SNMP4J somewhere in {@code values}, in the table's order. */
  private static List<String> snmpClientsBesideSnmp4j(Map<String, Map<String, Double>> values) {
    List<String> clients = new ArrayList<>();
    for (String c : SNMP_CLIENTS) {
      if (values.values().stream().anyMatch(m -> m.containsKey(c) && m.containsKey("snmp4j"))) {
        clients.add(c);
      }
    }
    return clients;
  }

  private static Double secondary(RunResult r, String label) {
    Result<?> x = r.getSecondaryResults().get(label);
    return x == null ? null : x.getScore();
  }

  /**
   * CPU per operation ({@link CpuPerOpProfiler}) of each client and of the agent, SNMP4J beside each Confine
   * client: with the agent on the same cores, throughput shows whichever side saturates them; the client's CPU
   * per operation is what polling remote devices costs.
   */
  static void snmpCpu(Collection<RunResult> results, StringBuilder md) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Map<String, Double>> client = snmpValues(results, r -> secondary(r, "cpu.client"), names);
    Map<String, Map<String, Double>> agent = snmpValues(results, r -> secondary(r, "cpu.agent"), new LinkedHashMap<>());
    List<String> clients = snmpClientsBesideSnmp4j(client);
    if (clients.isEmpty()) {
      return;
    }
    md.append("## SNMP: CPU per operation, client and agent (us/op, same run)\n\n");
    md.append("Client: the benchmark JVM and its child processes (workers); agent: the private snmpd. From /proc, per");
    md.append(" measured iteration, over all threads' operations. Below 1x: the Confine client costs less CPU than SNMP4J.\n\n");
    snmpTable(md, names, clients, "%.1f", List.of(client, agent), List.of("client", "agent"));
    md.append('\n');
  }

  /** Worker start-to-ready against a hello-world JVM's start-to-exit, medians of several runs. */
  static void startToReady(StringBuilder md) throws Exception {
    int runs = 7;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    double[] hello = new double[runs];
    double[] ready = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", cp, HelloMain.class.getName())
          .redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      hello[i] = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      try (Isolated<TrivialBackend.State> iso =
          Isolated.newBuilder(new TrivialBackend())
              .strategy(Isolation.childProcesses(1, ChildProcessOptions.defaults()))
              .open()) {
        ready[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(hello);
    Arrays.sort(ready);
    double h = hello[runs / 2];
    double r = ready[runs / 2];
    md.append("## Worker start-to-ready (not JMH)\n\n");
    md.append("| what | median of " + runs + " (ms) | min (ms) | max (ms) |\n|---|---:|---:|---:|\n");
    md.append(String.format(Locale.ROOT, "| hello-world JVM, start to exit (same flags as workers) | %.1f | %.1f | %.1f |\n", h, hello[0], hello[runs - 1]));
    md.append(String.format(Locale.ROOT, "| child-processes(1) open(): spawn, handshake, backend open, READY | %.1f | %.1f | %.1f |\n", r, ready[0], ready[runs - 1]));
    md.append(String.format(Locale.ROOT, "\nRatio start-to-ready / hello-world: **%.2fx** (target <= 2x).\n", r / h));
  }
}
