package dev.confine.snmp.demo;

import dev.confine.isolation.Isolation;
import dev.confine.snmp.Oid;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.SnmpValue;
import dev.confine.snmp.Target;
import dev.confine.snmp.VarBind;
import dev.confine.snmp.agent.PrivateSnmpd;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code ./confine demo}: starts a private snmpd and polls it with 64 concurrent callers under
 * each isolation strategy, for SNMPv2c and SNMPv3 authPriv, then runs the same kind of workload
 * through the raw binding with every lock switched off in a child JVM (which may crash), and
 * prints one table. Every GET's value is compared with what the agent holds; a mismatch counts
 * as an error. Each caller opens its session and makes one GET before the clock starts (for v3,
 * the engine-id discovery a session does once). A progress bar goes to stderr.
 *
 * <p>Options: {@code --callers N} (default 64), {@code --seconds S} per row (default 3).
 *
 * <p>Concurrency: the demo's own state is per run; callers share only atomic counters and
 * their own latency arrays, which are read after a latch says every caller has finished.
 */
public final class PollingDemo {
  private PollingDemo() {}

  private static final Oid LOCATION = Oid.parse(PrivateSnmpd.SYS_LOCATION);

  /** The round-trip time of the "device" behind the demo's UDP relay. */
  static final Duration RELAY_ROUND_TRIP = Duration.ofMillis(5);

  static final String FAR_V2C = "v2c, 5 ms RTT";
  static final String FAR_V3 = "v3 authPriv, 5 ms RTT";

  /** One row of the table. */
  record Row(String strategy, String version, double opsPerSecond, double p50Millis, double p99Millis, long errors, String note) {}

  private record Strategy(String name, Supplier<Isolation> isolation) {}

  public static void main(String[] args) throws Exception {
    int callers = 64;
    int seconds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--callers" -> callers = positive("--callers", args, ++i);
        case "--seconds" -> seconds = positive("--seconds", args, ++i);
        default -> {
          System.err.println("confine demo: unknown option '" + args[i] + "'; options: --callers N, --seconds S");
          System.exit(2);
        }
      }
    }
    List<Row> rows = run(callers, seconds, System.err);
    System.out.print(table(rows, callers, seconds));
  }

  private static int positive(String name, String[] args, int i) {
    try {
      int n = Integer.parseInt(args[i]);
      if (n > 0) return n;
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // usage error below
    }
    System.err.println("confine demo: " + name + " needs a whole number above 0");
    System.exit(2);
    return 0;
  }

  static List<Strategy> strategies() {
    return List.of(
        new Strategy("in-module locks (default)", () -> null),
        new Strategy("serialized", Isolation::serialized),
        new Strategy("thread-confined(1)", () -> Isolation.threadConfined(1)),
        new Strategy("child-processes(4)", () -> Isolation.childProcesses(4)));
  }

  /** Runs every row; progress goes to {@code progress}. */
  static List<Row> run(int callers, int seconds, PrintStream progress) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Strategy> strategies = strategies();
    int steps = strategies.size() * 2 + 2 + strategies.size() + 1;
    Progress bar = new Progress(progress, steps * (long) seconds);
    try (PrivateSnmpd agent = PrivateSnmpd.start();
        LatencyRelay relay = LatencyRelay.start(agent.host(), agent.port(), RELAY_ROUND_TRIP)) {
      Target v2c = Target.v2c(agent.host(), agent.port(), PrivateSnmpd.READ_COMMUNITY).withTimeout(Duration.ofSeconds(2)).withRetries(1);
      Target v3 = Target.v3(agent.host(), agent.port(), agent.authPrivUser().toUsmUser()).withTimeout(Duration.ofSeconds(2)).withRetries(1);
      for (Strategy s : strategies) {
        for (Target t : List.of(v2c, v3)) {
          String version = t == v2c ? "v2c" : "v3 authPriv";
          bar.label(s.name() + " " + version);
          rows.add(poll(s, t, version, callers, seconds));
          bar.stepDone(seconds);
        }
      }
      // the same agent as a device a few milliseconds away: where the time goes to waiting on the
      // network, what matters is how many requests a strategy lets wait at once
      Target farV2c = Target.v2c(relay.host(), relay.port(), PrivateSnmpd.READ_COMMUNITY).withTimeout(Duration.ofSeconds(2)).withRetries(1);
      Target farV3 = Target.v3(relay.host(), relay.port(), agent.authPrivUser().toUsmUser()).withTimeout(Duration.ofSeconds(2)).withRetries(1);
      bar.label(strategies.get(0).name() + " " + FAR_V2C);
      rows.add(poll(strategies.get(0), farV2c, FAR_V2C, callers, seconds));
      bar.stepDone(seconds);
      for (Strategy s : strategies) {
        bar.label(s.name() + " " + FAR_V3);
        rows.add(poll(s, farV3, FAR_V3, callers, seconds));
        bar.stepDone(seconds);
      }
      for (boolean v3Row : List.of(false, true)) {
        String version = v3Row ? "v3 authPriv" : "v2c";
        bar.label("no locks (child JVM) " + version);
        rows.add(unlocked(agent, v3Row, callers, seconds));
        bar.stepDone(seconds);
      }
    } finally {
      bar.close();
    }
    return rows;
  }

  private static Row poll(Strategy s, Target target, String version, int callers, int seconds) throws Exception {
    SnmpClient.Builder b = SnmpClient.newBuilder();
    Isolation iso = s.isolation().get();
    if (iso != null) b.strategy(iso);
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    long[][] latencies = new long[callers][];
    int[] counts = new int[callers];
    try (SnmpClient client = b.open()) {
      CountDownLatch ready = new CountDownLatch(callers);
      CountDownLatch go = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(callers);
      long[] window = new long[2];
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        int id = c;
        Thread t =
            new Thread(
                () -> {
                  long[] lat = new long[1024];
                  int n = 0;
                  try (SnmpSession session = client.open(target)) {
                    // a first request before the clock starts: a v3 session's discovers the agent's
                    // engine id, once per session, holding the global mutex for its round trips
                    session.get(LOCATION);
                    ready.countDown();
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                      long t0 = System.nanoTime();
                      try {
                        VarBind vb = session.get(LOCATION);
                        if (!SnmpValue.OctetString.of(PrivateSnmpd.LOCATION).equals(vb.value())) {
                          errors.incrementAndGet();
                          firstError.compareAndSet(null, "wrong value " + vb);
                        }
                      } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                      }
                      if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                      lat[n++] = System.nanoTime() - t0;
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "open: " + e);
                    ready.countDown();
                  } finally {
                    latencies[id] = lat;
                    counts[id] = n;
                    done.countDown();
                  }
                },
                "demo-caller-" + c);
        threads.add(t);
        t.start();
      }
      if (!ready.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("callers did not open their sessions within 120 s");
      window[0] = System.nanoTime();
      window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
      go.countDown(); // publishes window[] to the callers (happens-before through the latch)
      if (!done.await(seconds + 120L, TimeUnit.SECONDS)) throw new IllegalStateException("callers did not finish");
      long elapsed = System.nanoTime() - window[0];
      int total = 0;
      for (int n : counts) total += n;
      long[] all = new long[total];
      int k = 0;
      for (int c = 0; c < callers; c++) {
        System.arraycopy(latencies[c], 0, all, k, counts[c]);
        k += counts[c];
      }
      Arrays.sort(all);
      double ops = total / (elapsed / 1e9);
      String note = firstError.get() == null ? "" : "first error: " + firstError.get();
      return new Row(s.name(), version, ops, percentile(all, 0.50), percentile(all, 0.99), errors.get(), note);
    }
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /**
   * The module's hazard workload with every lock off, in a child JVM: v3 (or v2c) sessions
   * opened, used and closed by many threads while others load MIB modules. It may crash.
   */
  private static Row unlocked(PrivateSnmpd agent, boolean v3, int callers, int seconds) throws Exception {
    PrivateSnmpd.V3User u = agent.authPrivUser();
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dconfine.snmp.unsafe.noLocks=true");
    cmd.add("-Dconfine.snmp.unsafe.noUsmUpkeep=true");
    cmd.add("dev.confine.snmp.internal.HazardWorkload");
    cmd.addAll(List.of(agent.host(), Integer.toString(agent.port()), u.name(), u.authPassword(), u.privPassword(), PrivateSnmpd.LOCATION, Integer.toString(callers), Integer.toString(seconds)));
    if (!v3) cmd.add(PrivateSnmpd.READ_COMMUNITY);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String result = null;
    StringBuilder tail = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("RESULT ")) result = line;
        if (tail.length() < 2000) tail.append(line).append(' ');
      }
    }
    boolean exited = p.waitFor(seconds + 60L, TimeUnit.SECONDS);
    if (!exited) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Row("no locks (child JVM)", v3 ? "v3 authPriv" : "v2c", Double.NaN, Double.NaN, Double.NaN, -1, "hung: killed after " + (seconds + 60) + " s");
    }
    int status = p.exitValue();
    String version = v3 ? "v3 authPriv" : "v2c";
    if (result == null) {
      return new Row("no locks (child JVM)", version, Double.NaN, Double.NaN, Double.NaN, -1,
          String.format(Locale.ROOT, "JVM died (exit %d%s)", status, status > 128 ? ", signal " + (status - 128) : ""));
    }
    long ops = field(result, "ops");
    long errors = field(result, "errors") + field(result, "mismatches");
    String first = result.contains("first=") ? result.substring(result.indexOf("first=") + 6) : "";
    return new Row("no locks (child JVM)", version, ops / (double) seconds, Double.NaN, Double.NaN, errors,
        String.format(Locale.ROOT, "exit %d; mismatches %d%s", status, field(result, "mismatches"), errors > 0 ? "; first: " + first : ""));
  }

  private static long field(String result, String name) {
    for (String part : result.split(" ")) {
      if (part.startsWith(name + "=")) return Long.parseLong(part.substring(name.length() + 1));
    }
    return 0;
  }

  static String table(List<Row> rows, int callers, int seconds) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%n%d concurrent callers, %d s per row, GET sysLocation.0 (checked against the agent's value)%n%n", callers, seconds));
    b.append(String.format(Locale.ROOT, "| %-26s | %-21s | %10s | %8s | %8s | %7s | %s%n", "strategy", "version", "ops/s", "p50 ms", "p99 ms", "errors", "note"));
    b.append(String.format(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%n", "-".repeat(28), "-".repeat(23), "-".repeat(12), "-".repeat(10), "-".repeat(10), "-".repeat(9)));
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %-26s | %-21s | %10s | %8s | %8s | %7s | %s%n", r.strategy(), r.version(), num(r.opsPerSecond(), 0), num(r.p50Millis(), 2), num(r.p99Millis(), 2),
          r.errors() < 0 ? "-" : Long.toString(r.errors()), r.note()));
    }
    Row inModuleV3 = find(rows, "in-module locks (default)", "v3 authPriv");
    Row childV3 = find(rows, "child-processes(4)", "v3 authPriv");
    if (inModuleV3 != null && childV3 != null && inModuleV3.opsPerSecond() > 0) {
      b.append(String.format(Locale.ROOT, "%nv3 authPriv ops/s, child-processes(4) / in-module: %.2fx (in one process the library's work on every v3 message, encrypting and checking, holds the global mutex; each child worker has its own USM state, but every call also crosses a process boundary)%n",
          childV3.opsPerSecond() / inModuleV3.opsPerSecond()));
    }
    Row serializedFar = find(rows, "serialized", FAR_V3);
    Row inModuleFar = find(rows, "in-module locks (default)", FAR_V3);
    Row childFar = find(rows, "child-processes(4)", FAR_V3);
    if (serializedFar != null && inModuleFar != null && childFar != null && serializedFar.opsPerSecond() > 0) {
      b.append(String.format(Locale.ROOT, "v3 authPriv ops/s at 5 ms RTT (agent behind a UDP relay that delays each answer), over serialized: in-module %.2fx, child-processes(4) %.2fx (serialized: one request on the wire at a time, about 1/RTT per second; in one process the global mutex is released while a v3 request waits on the network, so the callers' requests wait together; each worker has its own USM state and mutex)%n",
          inModuleFar.opsPerSecond() / serializedFar.opsPerSecond(), childFar.opsPerSecond() / serializedFar.opsPerSecond()));
    }
    return b.toString();
  }

  private static Row find(List<Row> rows, String strategy, String version) {
    for (Row r : rows) {
      if (r.strategy().equals(strategy) && r.version().equals(version)) return r;
    }
    return null;
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A progress bar on stderr, redrawn every 250 ms from elapsed time against the planned total. */
  static final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final long plannedSeconds;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();
    private volatile String label = "";
    private final AtomicLong doneSeconds = new AtomicLong();

    Progress(PrintStream out, long plannedSeconds) {
      this.out = out;
      this.plannedSeconds = Math.max(1, plannedSeconds);
      this.timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "demo-progress");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleAtFixedRate(this::draw, 0, 250, TimeUnit.MILLISECONDS);
    }

    void label(String text) {
      label = text;
    }

    void stepDone(long seconds) {
      doneSeconds.addAndGet(seconds);
    }

    private void draw() {
      double fraction = Math.min(1.0, doneSeconds.get() / (double) plannedSeconds);
      int width = 30;
      int filled = (int) Math.round(fraction * width);
      long elapsed = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%% %3ds  %-45s", "#".repeat(filled), ".".repeat(width - filled), Math.round(fraction * 100), elapsed, label));
      out.flush();
    }

    @Override
    public void close() {
      timer.shutdownNow();
      doneSeconds.set(plannedSeconds);
      label = "done";
      draw();
      out.println();
    }
  }
}
