package dev.confine.snmp.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private Net-SNMP agent ({@code snmpd}) for tests, the demo and the benchmarks: it listens on
 * a free loopback UDP port, reads only a configuration generated into its own temporary
 * directory, keeps its persistent state there (never {@code /var/lib/snmp}), and is stopped with
 * its process tree by {@link #close()}.
 *
 * <p>What the agent holds (see {@link #values()} and the test MIB CONFINE-TEST-MIB):
 *
 * <ul>
 *   <li>communities {@code public} (read-only) and {@code private} (read-write), loopback only;
 *   <li>one SNMPv3 user per security level and protocol pair ({@link #users()}), with the
 *       builder's passwords, so that two agents can hold the same user name with different
 *       passwords;
 *   <li>scalars of every type under {@code enterprises.99998.1} (two of them writable), a
 *       five-row table under {@code enterprises.99998.2}, and typed values served by a {@code
 *       pass} script under {@code enterprises.99998.3};
 *   <li>under {@code enterprises.99999} a {@code pass} script that answers every GETNEXT with
 *       the same OID, so a walk there must detect the non-increasing OID.
 * </ul>
 *
 * <p>Concurrency: an instance is immutable after {@link Builder#start()} except for {@link
 * #close()}, which is idempotent and safe to call from any thread. The agent itself serves
 * requests one at a time, as snmpd does.
 */
public final class PrivateSnmpd implements AutoCloseable {

  /** OID prefix of the test MIB's objects ({@code enterprises.99998}, CONFINE-TEST-MIB). */
  public static final String TEST_ROOT = "1.3.6.1.4.1.99998";

  /** A subtree whose GETNEXT always answers {@link #LOOP_ANSWER}: a walk there must not loop. */
  public static final String LOOP_ROOT = "1.3.6.1.4.1.99999";

  /** What the loop subtree answers to every GET and GETNEXT (INTEGER 42). */
  public static final String LOOP_ANSWER = "1.3.6.1.4.1.99999.1.1";

  /** sysDescr.0, what the launcher polls to know the agent answers. */
  public static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";

  /** sysLocation.0 as configured (read-only because it is set in the configuration). */
  public static final String SYS_LOCATION = "1.3.6.1.2.1.1.6.0";

  /** The value of {@link #SYS_LOCATION}. */
  public static final String LOCATION = "confine-lab";

  /** Read-only community. */
  public static final String READ_COMMUNITY = "public";

  /** Read-write community. */
  public static final String WRITE_COMMUNITY = "private";

  private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(15);
  private static final int PORT_ATTEMPTS = 5;

  private final Path workDir;
  private final int port;
  private final List<V3User> users;
  private final Map<String, TestValue> values;
  private final Object closeLock = new Object();
  private Process process; // guarded by closeLock; null once closed

  private final Thread shutdownHook;

  private PrivateSnmpd(Path workDir, int port, Process process, List<V3User> users, Map<String, TestValue> values) {
    this.workDir = workDir;
    this.port = port;
    this.process = process;
    this.users = users;
    this.values = values;
    // a JVM that exits (or gets SIGTERM) without close() must not leave an orphaned snmpd behind;
    // SIGKILL of the JVM still can
    this.shutdownHook = new Thread(this::close, "private-snmpd-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** A builder with the default passwords ({@code authpass123}, {@code privpass123}). */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an agent with the defaults; same as {@code builder().start()}. */
  public static PrivateSnmpd start() {
    return builder().start();
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The UDP port the agent listens on. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}, the peer name Net-SNMP's tools accept. */
  public String address() {
    return host() + ":" + port;
  }

  /** The directory holding the configuration, the log and the persistent state. */
  public Path workDir() {
    return workDir;
  }

  /** The agent's log (snmpd's {@code -Lf} file), for diagnostics. */
  public String log() {
    try {
      return Files.readString(workDir.resolve("snmpd.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The SNMPv3 users the agent knows, in configuration order. */
  public List<V3User> users() {
    return users;
  }

  /** The user named {@code name}; fails naming the known users if there is none. */
  public V3User user(String name) {
    for (V3User u : users) {
      if (u.name().equals(name)) return u;
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "no v3 user '%s' in this agent; known: %s", name, users.stream().map(V3User::name).toList()));
  }

  /** The authPriv user with SHA and AES (the one the demo and benchmarks use). */
  public V3User authPrivUser() {
    return user(Builder.PRIV_USER);
  }

  /** The test values the agent holds at start, by numeric OID, in OID order. */
  public Map<String, TestValue> values() {
    return values;
  }

  /** The test value at {@code oid}; fails naming the OID if the agent has none there. */
  public TestValue value(String oid) {
    TestValue v = values.get(oid);
    if (v == null) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the private agent holds no test value at %s", oid));
    }
    return v;
  }

  /** Whether the agent process is still running. */
  public boolean isAlive() {
    synchronized (closeLock) {
      return process != null && process.isAlive();
    }
  }

  /** The agent's process id (for tests that need to check it is gone after close). */
  public long pid() {
    synchronized (closeLock) {
      if (process == null) throw new IllegalStateException("the private snmpd is closed");
      return process.pid();
    }
  }

  /** Stops the agent and any pass scripts it started, then deletes its directory. Idempotent. */
  @Override
  public void close() {
    Process p;
    synchronized (closeLock) {
      p = process;
      process = null;
    }
    if (p == null) return;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // close() is running from the hook itself
    }
    stop(p);
    deleteTree(workDir);
  }

  private static void stop(Process p) {
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy(); // SIGTERM: snmpd shuts down cleanly
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle c : children) c.destroyForcibly();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under the temp dir
    }
  }

  /** SNMPv3 security levels as snmpd's configuration and Net-SNMP's {@code -l} option name them. */
  public enum SecurityLevel {
    NO_AUTH_NO_PRIV("noAuthNoPriv", "noauth"),
    AUTH_NO_PRIV("authNoPriv", "auth"),
    AUTH_PRIV("authPriv", "priv");

    private final String cliName;
    private final String confName;

    SecurityLevel(String cliName, String confName) {
      this.cliName = cliName;
      this.confName = confName;
    }

    /** The name Net-SNMP's {@code -l} option takes. */
    public String cliName() {
      return cliName;
    }
  }

  /**
   * An SNMPv3 user of the agent. Protocols are Net-SNMP's names ({@code MD5}, {@code SHA},
   * {@code SHA-256}, {@code SHA-512}, {@code DES}, {@code AES}, {@code AES-256}); null when the
   * level does not use them.
   */
  public record V3User(
      String name,
      SecurityLevel level,
      String authProtocol,
      String authPassword,
      String privProtocol,
      String privPassword,
      boolean writable) {

    /** This user as the client's {@link dev.confine.snmp.UsmUser}, with its passwords. */
    public dev.confine.snmp.UsmUser toUsmUser() {
      return switch (level) {
        case NO_AUTH_NO_PRIV -> dev.confine.snmp.UsmUser.noAuth(name);
        case AUTH_NO_PRIV -> dev.confine.snmp.UsmUser.auth(name, auth(), authPassword);
        case AUTH_PRIV -> dev.confine.snmp.UsmUser.authPriv(name, auth(), authPassword, priv(), privPassword);
      };
    }

    private dev.confine.snmp.AuthProtocol auth() {
      return dev.confine.snmp.AuthProtocol.valueOf(authProtocol.replace("-", ""));
    }

    private dev.confine.snmp.PrivProtocol priv() {
      return dev.confine.snmp.PrivProtocol.valueOf(privProtocol.replace("-", ""));
    }
  }

  /**
   * A value the agent holds at start: numeric OID, the type as Net-SNMP's tools print it
   * ({@code INTEGER}, {@code STRING}, {@code Hex-STRING}, {@code Gauge32}, {@code Counter32},
   * {@code Timeticks}, {@code IpAddress}, {@code OID}), and the value's text (decimal for
   * numbers, the characters for STRING, space-separated hex pairs for Hex-STRING, dotted OID).
   */
  public record TestValue(String oid, String type, String text, boolean writable) {}

  /** Configures and starts a {@link PrivateSnmpd}. Not thread-safe; use from one thread. */
  public static final class Builder {
    static final String NOAUTH_USER = "noauthuser";
    static final String AUTH_USER = "authuser";
    static final String PRIV_USER = "privuser";

    private String authPassword = "authpass123";
    private String privPassword = "privpass123";
    private String engineId;
    private Path snmpdPath;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;

    private Builder() {}

    /** The authentication password of every v3 user (at least 8 characters, Net-SNMP's rule). */
    public Builder authPassword(String password) {
      this.authPassword = checkPassword("authPassword", password);
      return this;
    }

    /** The privacy password of every authPriv user (at least 8 characters). */
    public Builder privPassword(String password) {
      this.privPassword = checkPassword("privPassword", password);
      return this;
    }

    /** A fixed engine ID text (snmpd's {@code engineID} directive); default: snmpd picks one. */
    public Builder engineId(String text) {
      if (text == null || text.isEmpty() || text.length() > 27 || !text.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "engineId '%s' must be 1 to 27 characters of [A-Za-z0-9_.-]", text));
      }
      this.engineId = text;
      return this;
    }

    /** The snmpd executable; default: {@code -Dconfine.snmpd}, else the first found on the usual paths. */
    public Builder snmpd(Path executable) {
      this.snmpdPath = Objects.requireNonNull(executable, "snmpd path");
      return this;
    }

    /** How long to wait for the agent's first answer (default 15 s). */
    public Builder startTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
      }
      this.startTimeout = timeout;
      return this;
    }

    private static String checkPassword(String what, String password) {
      if (password == null || password.length() < 8 || password.indexOf('"') >= 0 || password.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "%s must be at least 8 characters without quotes or newlines (Net-SNMP's rule)", what));
      }
      return password;
    }

    /**
     * Starts the agent and returns once it has answered an SNMP GET. Fails with the install
     * command if snmpd is missing, and with the agent's log if it does not start.
     */
    public PrivateSnmpd start() {
      Path snmpd = snmpdPath != null ? snmpdPath : findSnmpd();
      List<V3User> users = users();
      Map<String, TestValue> values = values();
      String lastLog = "";
      for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
        Path dir;
        try {
          dir = Files.createTempDirectory("confine-snmpd-");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the private snmpd's temp directory", e);
        }
        int port = freeUdpPort();
        Process p = launch(snmpd, dir, port, users, values);
        AnswerResult r = awaitAnswer(p, port, startTimeout);
        if (r == AnswerResult.ANSWERED) {
          return new PrivateSnmpd(dir, port, p, users, values);
        }
        stop(p);
        try {
          lastLog = Files.readString(dir.resolve("snmpd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
          lastLog = "(no log)";
        }
        deleteTree(dir);
        if (r == AnswerResult.TIMED_OUT) {
          throw new IllegalStateException(
              String.format(Locale.ROOT, "the private snmpd on 127.0.0.1:%d did not answer within %s; its log:%n%s", port, startTimeout, lastLog));
        }
        // EXITED: most likely another process took the port between our probe and snmpd's bind; try another
      }
      throw new IllegalStateException(
          String.format(Locale.ROOT, "the private snmpd exited at start %d times; last log:%n%s", PORT_ATTEMPTS, lastLog));
    }

    private List<V3User> users() {
      List<V3User> u = new ArrayList<>();
      u.add(new V3User(NOAUTH_USER, SecurityLevel.NO_AUTH_NO_PRIV, null, null, null, null, false));
      u.add(new V3User(AUTH_USER, SecurityLevel.AUTH_NO_PRIV, "SHA", authPassword, null, null, false));
      u.add(new V3User(PRIV_USER, SecurityLevel.AUTH_PRIV, "SHA", authPassword, "AES", privPassword, true));
      u.add(new V3User("md5des", SecurityLevel.AUTH_PRIV, "MD5", authPassword, "DES", privPassword, true));
      u.add(new V3User("sha256aes", SecurityLevel.AUTH_PRIV, "SHA-256", authPassword, "AES", privPassword, true));
      u.add(new V3User("sha512aes256", SecurityLevel.AUTH_PRIV, "SHA-512", authPassword, "AES-256", privPassword, true));
      u.add(new V3User("sha224", SecurityLevel.AUTH_NO_PRIV, "SHA-224", authPassword, null, null, false));
      u.add(new V3User("sha384", SecurityLevel.AUTH_NO_PRIV, "SHA-384", authPassword, null, null, false));
      return Collections.unmodifiableList(u);
    }

    static Map<String, TestValue> values() {
      List<TestValue> v = new ArrayList<>();
      v.add(new TestValue(SYS_LOCATION, "STRING", LOCATION, false));
      String s = TEST_ROOT + ".1.";
      v.add(new TestValue(s + "1.0", "INTEGER", "-42", false)); // confineInteger
      v.add(new TestValue(s + "2.0", "STRING", "confine test agent", false)); // confineText
      v.add(new TestValue(s + "3.0", "INTEGER", "7", true)); // confineWritableInteger
      v.add(new TestValue(s + "4.0", "STRING", "initial", true)); // confineWritableText
      v.add(new TestValue(s + "5.0", "Timeticks", "4242", false)); // confineTicks
      v.add(new TestValue(s + "6.0", "Gauge32", "4000000000", false)); // confineUnsigned
      for (int row = 1; row <= 5; row++) {
        v.add(new TestValue(TEST_ROOT + ".2.1.2." + row, "STRING", "row" + row, false)); // confineRowName
      }
      for (int row = 1; row <= 5; row++) {
        v.add(new TestValue(TEST_ROOT + ".2.1.3." + row, "INTEGER", Integer.toString(row * 100), false)); // confineRowValue
      }
      // served by the typed.sh pass script: types override cannot express
      String t = TEST_ROOT + ".3.";
      v.add(new TestValue(t + "1.0", "IpAddress", "192.0.2.7", false)); // confineAddress
      v.add(new TestValue(t + "2.0", "OID", "1.3.6.1.4.1.99998.42", false)); // confineObjectId
      v.add(new TestValue(t + "3.0", "Counter32", "3000000000", false)); // confineCounter
      v.add(new TestValue(t + "4.0", "Hex-STRING", "00 FF 10 80", false)); // confineBytes
      // above Long.MAX_VALUE, so a client that reads Counter64 as signed shows a negative number
      v.add(new TestValue(t + "5.0", "Counter64", "18446744073709551000", false)); // confineBigCounter
      Map<String, TestValue> m = new LinkedHashMap<>();
      v.sort(Comparator.comparing(TestValue::oid, PrivateSnmpd::compareOids));
      for (TestValue tv : v) m.put(tv.oid(), tv);
      return Collections.unmodifiableMap(m);
    }

    private Process launch(Path snmpd, Path dir, int port, List<V3User> users, Map<String, TestValue> values) {
      try {
        Path persist = Files.createDirectories(dir.resolve("persist"));
        Path loop = script(dir.resolve("loop.sh"), loopScript());
        Path typed = script(dir.resolve("typed.sh"), typedScript(values));
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, config(port, persist, loop, typed, users, values), StandardCharsets.UTF_8);
        ProcessBuilder pb =
            new ProcessBuilder(
                snmpd.toString(),
                "-f", // foreground: this JVM owns the process
                "-C", // read no configuration but ours
                "-c", conf.toString(),
                "-Lf", dir.resolve("snmpd.log").toString(),
                "-p", dir.resolve("snmpd.pid").toString(),
                "-r", // do not insist on root-only files
                "-I", "-smux", // no SMUX listener on tcp:199 (shared, and useless here)
                "-M", dir.toString(), // no system MIB directories: nothing to parse, nothing to warn about
                "-m", "");
        pb.environment().put("MIBS", "");
        pb.environment().put("MIBDIRS", dir.toString());
        pb.environment().put("SNMP_PERSISTENT_DIR", persist.toString());
        pb.environment().put("SNMPCONFPATH", dir.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("snmpd.out").toFile());
        pb.directory(dir.toFile());
        return pb.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + snmpd, e);
      }
    }

    private String config(int port, Path persist, Path loop, Path typed, List<V3User> users, Map<String, TestValue> values) {
      StringBuilder c = new StringBuilder();
      c.append("# generated by dev.confine.snmp.agent.PrivateSnmpd\n");
      c.append("agentaddress udp:127.0.0.1:").append(port).append('\n');
      c.append("[snmp] persistentDir ").append(persist).append('\n');
      if (engineId != null) c.append("engineID ").append(engineId).append('\n');
      c.append("rocommunity ").append(READ_COMMUNITY).append(" 127.0.0.1\n");
      c.append("rwcommunity ").append(WRITE_COMMUNITY).append(" 127.0.0.1\n");
      c.append("sysLocation ").append(LOCATION).append('\n');
      c.append("sysServices 72\n");
      c.append("dontLogTCPWrappersConnects yes\n"); // no log line per request
      for (V3User u : users) {
        c.append("createUser ").append(u.name());
        if (u.authProtocol() != null) c.append(' ').append(u.authProtocol()).append(" \"").append(u.authPassword()).append('"');
        if (u.privProtocol() != null) c.append(' ').append(u.privProtocol()).append(" \"").append(u.privPassword()).append('"');
        c.append('\n');
        c.append(u.writable() ? "rwuser " : "rouser ").append(u.name()).append(' ').append(u.level().confName).append('\n');
      }
      for (TestValue v : values.values()) {
        if (!v.oid().startsWith(TEST_ROOT + ".1.") && !v.oid().startsWith(TEST_ROOT + ".2.")) continue;
        c.append("override ").append(v.writable() ? "-rw " : "").append('.').append(v.oid()).append(' ');
        switch (v.type()) {
          case "INTEGER" -> c.append("integer ").append(v.text());
          case "STRING" -> c.append("octet_str \"").append(v.text()).append('"');
          case "Timeticks" -> c.append("timeticks ").append(v.text());
          case "Gauge32" -> c.append("unsigned ").append(v.text());
          default -> throw new IllegalStateException("no override type for " + v);
        }
        c.append('\n');
      }
      c.append("pass .").append(TEST_ROOT).append(".3 ").append(typed).append('\n');
      c.append("pass .").append(LOOP_ROOT).append(' ').append(loop).append('\n');
      return c.toString();
    }

    private static String loopScript() {
      return "#!/bin/sh\n"
          + "# every GET and GETNEXT answers the same OID: an agent whose walk never advances\n"
          + "case \"$1\" in -g|-n) printf '.%s\\ninteger\\n42\\n' '" + LOOP_ANSWER + "';; esac\n";
    }

    /** A pass script over a fixed sorted list; GETNEXT picks the first OID greater than the request. */
    private static String typedScript(Map<String, TestValue> values) {
      StringBuilder data = new StringBuilder();
      for (TestValue v : values.values()) {
        if (!v.oid().startsWith(TEST_ROOT + ".3.")) continue;
        String type =
            switch (v.type()) {
              case "IpAddress" -> "ipaddress";
              case "OID" -> "objectid";
              case "Counter32" -> "counter";
              case "Counter64" -> "counter64";
              case "Hex-STRING" -> "octet";
              default -> throw new IllegalStateException("no pass type for " + v);
            };
        String text = v.type().equals("OID") ? "." + v.text() : v.text();
        data.append(v.oid()).append('|').append(type).append('|').append(text).append('\n');
      }
      return "#!/bin/sh\n"
          + "# serves confineTyped (CONFINE-TEST-MIB) for snmpd's pass directive\n"
          + "req=\"${2#.}\"\n"
          + "awk -F'|' -v mode=\"$1\" -v req=\"$req\" '\n"
          + "function cmp(a, b,   x, y, n, m, i) {\n"
          + "  n = split(a, x, \".\"); m = split(b, y, \".\");\n"
          + "  for (i = 1; i <= n && i <= m; i++) { if (x[i] + 0 < y[i] + 0) return -1; if (x[i] + 0 > y[i] + 0) return 1 }\n"
          + "  return n < m ? -1 : (n > m ? 1 : 0)\n"
          + "}\n"
          + "(mode == \"-g\" && $1 == req) || (mode == \"-n\" && cmp($1, req) > 0) { printf \".%s\\n%s\\n%s\\n\", $1, $2, $3; exit }\n"
          + "' <<'DATA'\n"
          + data
          + "DATA\n";
    }

    private static Path script(Path file, String text) throws IOException {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
      return file;
    }
  }

  enum AnswerResult {
    ANSWERED,
    EXITED,
    TIMED_OUT
  }

  private static final AtomicInteger REQUEST_IDS = new AtomicInteger(0x4C00);

  /** Polls with v2c GETs of sysDescr.0 until one is answered, the process exits, or time is up. */
  static AnswerResult awaitAnswer(Process p, int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int[] sysDescr = {1, 3, 6, 1, 2, 1, 1, 1, 0};
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(100);
      byte[] buf = new byte[2048];
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) return AnswerResult.EXITED;
        int id = REQUEST_IDS.incrementAndGet();
        byte[] req = Ber.getRequest(READ_COMMUNITY, id, sysDescr);
        socket.send(new DatagramPacket(req, req.length, InetAddress.getLoopbackAddress(), port));
        try {
          while (true) {
            DatagramPacket resp = new DatagramPacket(buf, buf.length);
            socket.receive(resp); // the receive timeout paces the polling; no sleep needed
            if (Ber.isResponseTo(buf, resp.getLength(), id)) return AnswerResult.ANSWERED;
          }
        } catch (SocketTimeoutException notYet) {
          // ask again
        }
      }
      return p.isAlive() ? AnswerResult.TIMED_OUT : AnswerResult.EXITED;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot probe the private snmpd on port " + port, e);
    }
  }

  static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback UDP port", e);
    }
  }

  /** The install hint every "snmpd missing" error carries. */
  static final String INSTALL_HINT = "install Net-SNMP's agent with `sudo ./confine setup` or `sudo apt-get install snmpd`";

  static Path findSnmpd() {
    String configured = System.getProperty("confine.snmpd");
    if (configured != null && !configured.isEmpty()) {
      Path p = Paths.get(configured);
      if (Files.isExecutable(p)) return p;
      throw new IllegalStateException(
          String.format(Locale.ROOT, "-Dconfine.snmpd=%s is not an executable file; point it at snmpd or %s", configured, INSTALL_HINT));
    }
    List<Path> candidates = new ArrayList<>(List.of(Paths.get("/usr/sbin/snmpd"), Paths.get("/usr/local/sbin/snmpd")));
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isEmpty()) candidates.add(Paths.get(d, "snmpd"));
      }
    }
    for (Path c : candidates) {
      if (Files.isExecutable(c)) return c;
    }
    throw new IllegalStateException(
        String.format(Locale.ROOT, "snmpd (the Net-SNMP agent) is not installed: looked in %s; %s", candidates, INSTALL_HINT));
  }

  /** Compares dotted numeric OIDs component by component, as SNMP orders them. */
  public static int compareOids(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
      if (c != 0) return c;
    }
    return Integer.compare(x.length, y.length);
  }
}
