package dev.confine.snmp.cli;

import dev.confine.isolation.Isolation;
import dev.confine.snmp.AuthProtocol;
import dev.confine.snmp.Oid;
import dev.confine.snmp.PrivProtocol;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.SnmpValue;
import dev.confine.snmp.Target;
import dev.confine.snmp.UsmUser;
import dev.confine.snmp.VarBind;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./confine snmp get|getnext|walk|bulkwalk|set [options] host[:port] OID...}: Net-SNMP
 * style command-line tools over the module's client. Output lines are {@code OID = TYPE: value}.
 * Exit status 0 on success, 1 when the agent or network fails, 2 on a usage error.
 *
 * <p>Concurrency: one run is single-threaded; {@link #run} keeps no state between calls.
 */
public final class SnmpTool {
  private SnmpTool() {}

  static final String USAGE =
      """
      usage: confine snmp get|getnext|walk|bulkwalk|set [options] host[:port] OID... (set: OID TYPE VALUE...)
        -v 1|2c|3          SNMP version (default 2c)
        -c COMMUNITY       community for v1/v2c (default public)
        -u USER            v3 security name
        -l LEVEL           noAuthNoPriv|authNoPriv|authPriv (default: from -a/-x)
        -a PROTOCOL        MD5|SHA|SHA-224|SHA-256|SHA-384|SHA-512 (default SHA)
        -A PASSPHRASE      v3 authentication passphrase (8 characters or more)
        -x PROTOCOL        DES|AES|AES-192|AES-256 (default AES)
        -X PASSPHRASE      v3 privacy passphrase (8 characters or more)
        -t SECONDS         request timeout (default 1)
        -r RETRIES         retries (default 5)
        -Cr N              bulkwalk max-repetitions (default 10)
        -M DIR             directory to load MIB modules from (none by default)
        -m MODULE          MIB module to load (repeatable); names then print and parse
        --strategy NAME    default|serialized|thread-confined|child-processes
      set TYPE: i INTEGER, u Gauge32, c Counter32, t Timeticks, a IpAddress, o OID, s STRING, x hex STRING
      """;

  /** Usage errors: the message names the bad input; exit status 2. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = Options.parse(args);
    } catch (UsageException e) {
      err.println("confine snmp: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (o.help) {
      out.print(USAGE);
      return 0;
    }
    SnmpClient.Builder b = SnmpClient.newBuilder();
    if (o.strategy != null) b.strategy(o.strategy);
    for (String dir : o.mibDirs) b.mibDirectory(Paths.get(dir));
    for (String m : o.mibModules) b.mibModule(m);
    try (SnmpClient client = b.open();
        SnmpSession s = client.open(o.target())) {
      boolean names = !o.mibModules.isEmpty();
      switch (o.command) {
        case "get" -> print(out, client, names, s.get(oids(client, o.operands)));
        case "getnext" -> print(out, client, names, s.getNext(oids(client, o.operands)));
        case "walk", "bulkwalk" -> {
          List<String> roots = o.operands.isEmpty() ? List.of("1.3.6.1.2.1") : o.operands;
          for (Oid root : oids(client, roots)) {
            try (Stream<VarBind> st = o.command.equals("walk") ? s.walk(root) : s.bulkWalk(root, o.maxRepetitions)) {
              st.forEach(vb -> out.println(line(client, names, vb)));
            }
          }
        }
        case "set" -> print(out, client, names, s.set(bindings(client, o.operands)));
        default -> throw new IllegalStateException(o.command);
      }
      return 0;
    } catch (UsageException e) {
      err.println("confine snmp: " + cliWording(e.getMessage()));
      return 2;
    } catch (IllegalArgumentException e) {
      // bad input the library found (unknown MIB module, missing MIB directory, unresolvable host)
      err.println(String.format(Locale.ROOT, "confine snmp %s: %s", o.command, cliWording(e.getMessage())));
      return 2;
    } catch (RuntimeException e) {
      err.println(String.format(Locale.ROOT, "confine snmp %s: %s: %s", o.command, e.getClass().getSimpleName(), e.getMessage()));
      return 1;
    }
  }

  /** The library's advice names builder methods; here the same is done with this tool's options. */
  static String cliWording(String message) {
    return message == null
        ? null
        : message.replace("mibDirectory(...).mibModule(...)", "-M DIR -m MODULE").replace("mibDirectory(...)", "-M DIR").replace("mibModule(...)", "-m MODULE");
  }

  private static void print(PrintStream out, SnmpClient client, boolean names, List<VarBind> vbs) {
    for (VarBind vb : vbs) out.println(line(client, names, vb));
  }

  private static List<Oid> oids(SnmpClient client, List<String> texts) {
    List<Oid> r = new ArrayList<>();
    for (String t : texts) r.add(oid(client, t));
    return r;
  }

  private static Oid oid(SnmpClient client, String text) {
    try {
      return client.oid(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static List<VarBind> bindings(SnmpClient client, List<String> ops) {
    if (ops.isEmpty() || ops.size() % 3 != 0) {
      throw new UsageException("set needs OID TYPE VALUE triples, got " + ops.size() + " operands: " + ops);
    }
    List<VarBind> r = new ArrayList<>();
    for (int i = 0; i < ops.size(); i += 3) {
      Oid oid = oid(client, ops.get(i));
      r.add(new VarBind(oid, value(ops.get(i + 1), ops.get(i + 2))));
    }
    return r;
  }

  static SnmpValue value(String type, String text) {
    try {
      return switch (type) {
        case "i" -> new SnmpValue.Integer32(Integer.parseInt(text));
        case "u" -> new SnmpValue.Gauge32(Long.parseLong(text));
        case "c" -> new SnmpValue.Counter32(Long.parseLong(text));
        case "t" -> new SnmpValue.TimeTicks(Long.parseLong(text));
        case "a" -> SnmpValue.IpAddress.parse(text);
        case "o" -> new SnmpValue.ObjectId(Oid.parse(text));
        case "s" -> SnmpValue.OctetString.of(text);
        case "x" -> new SnmpValue.OctetString(HexFormat.of().parseHex(text.replaceAll("[\\s:]", "")));
        default -> throw new UsageException(
            String.format(Locale.ROOT, "unknown set type '%s': use one of i u c t a o s x", type));
      };
    } catch (IllegalArgumentException e) {
      if (e instanceof UsageException u) throw u;
      throw new UsageException(String.format(Locale.ROOT, "value '%s' is not valid for type '%s': %s", text, type, e.getMessage()));
    }
  }

  static String line(SnmpClient client, boolean names, VarBind vb) {
    String oid = names ? client.name(vb.oid()) : "." + vb.oid();
    return oid + " = " + render(vb.value());
  }

  /** Net-SNMP's default rendering of a value ({@code TYPE: value}). */
  static String render(SnmpValue v) {
    if (v instanceof SnmpValue.Integer32 i) return "INTEGER: " + i.value();
    if (v instanceof SnmpValue.OctetString s) {
      if (s.isPrintable()) return "STRING: " + s.text();
      StringBuilder b = new StringBuilder("Hex-STRING:");
      for (byte x : s.bytes()) b.append(String.format(Locale.ROOT, " %02X", x & 0xFF));
      return b.toString();
    }
    if (v instanceof SnmpValue.Counter32 c) return "Counter32: " + c.value();
    if (v instanceof SnmpValue.Gauge32 g) return "Gauge32: " + g.value();
    if (v instanceof SnmpValue.Counter64 c) return "Counter64: " + Long.toUnsignedString(c.value());
    if (v instanceof SnmpValue.TimeTicks t) return "Timeticks: (" + t.value() + ") " + ticks(t.value());
    if (v instanceof SnmpValue.IpAddress a) {
      byte[] b = a.address();
      return String.format(Locale.ROOT, "IpAddress: %d.%d.%d.%d", b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
    }
    if (v instanceof SnmpValue.ObjectId o) return "OID: ." + o.oid();
    if (v instanceof SnmpValue.Opaque o) return "OPAQUE: " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(o.bytes());
    if (v instanceof SnmpValue.Null) return "NULL";
    if (v instanceof SnmpValue.NoSuchObject) return "No Such Object available on this agent at this OID";
    if (v instanceof SnmpValue.NoSuchInstance) return "No Such Instance currently exists at this OID";
    if (v instanceof SnmpValue.EndOfMibView) return "No more variables left in this MIB View (It is past the end of the MIB tree)";
    return v.toString();
  }

  private static String ticks(long t) {
    long cs = t % 100;
    long s = t / 100;
    return String.format(Locale.ROOT, "%d:%02d:%02d:%02d.%02d", s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, cs);
  }

  /** Parsed command line. */
  static final class Options {
    String command;
    boolean help;
    String version = "2c";
    String community = "public";
    String user;
    String level;
    String authProtocol = "SHA";
    String authPass;
    String privProtocol = "AES";
    String privPass;
    double timeoutSeconds = 1;
    int retries = 5;
    int maxRepetitions = 10;
    Isolation strategy;
    String host;
    int port = 161;
    final List<String> mibDirs = new ArrayList<>();
    final List<String> mibModules = new ArrayList<>();
    final List<String> operands = new ArrayList<>();

    static Options parse(String[] args) {
      Options o = new Options();
      if (args.length == 0) throw new UsageException("no command given");
      if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
        o.help = true;
        return o;
      }
      o.command = args[0];
      if (!List.of("get", "getnext", "walk", "bulkwalk", "set").contains(o.command)) {
        throw new UsageException(String.format(Locale.ROOT, "unknown command '%s': use get, getnext, walk, bulkwalk or set", o.command));
      }
      List<String> positional = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--")) {
          positional.addAll(List.of(args).subList(i + 1, args.length));
          break;
        }
        if (!a.startsWith("-") || a.length() == 1) {
          positional.add(a);
          continue;
        }
        String name = a;
        String value;
        // Net-SNMP accepts both "-v 2c" and "-v2c"
        if (a.startsWith("--")) {
          if (i + 1 >= args.length) throw new UsageException("option " + a + " needs a value");
          value = args[++i];
        } else if (a.startsWith("-Cr")) {
          name = "-Cr";
          value = a.length() > 3 ? a.substring(3) : (i + 1 < args.length ? args[++i] : null);
        } else {
          name = a.substring(0, 2);
          value = a.length() > 2 ? a.substring(2) : (i + 1 < args.length ? args[++i] : null);
        }
        if (name.equals("-h")) {
          o.help = true;
          return o;
        }
        if (value == null) throw new UsageException("option " + name + " needs a value");
        switch (name) {
          case "-v" -> {
            if (!List.of("1", "2c", "3").contains(value)) throw new UsageException("-v '" + value + "': use 1, 2c or 3");
            o.version = value;
          }
          case "-c" -> o.community = value;
          case "-u" -> o.user = value;
          case "-l" -> o.level = value;
          case "-a" -> o.authProtocol = value;
          case "-A" -> o.authPass = value;
          case "-x" -> o.privProtocol = value;
          case "-X" -> o.privPass = value;
          case "-t" -> o.timeoutSeconds = positiveNumber("-t", value);
          case "-r" -> o.retries = (int) nonNegativeInt("-r", value);
          case "-Cr" -> o.maxRepetitions = (int) Math.max(1, nonNegativeInt("-Cr", value));
          case "-M" -> o.mibDirs.add(value);
          case "-m" -> o.mibModules.add(value);
          case "--strategy" -> o.strategy = strategy(value);
          default -> throw new UsageException("unknown option '" + a + "'");
        }
      }
      if (positional.isEmpty()) throw new UsageException("no agent given: name it as host or host:port");
      o.peer(positional.get(0));
      o.operands.addAll(positional.subList(1, positional.size()));
      if ((o.command.equals("get") || o.command.equals("getnext") || o.command.equals("set")) && o.operands.isEmpty()) {
        throw new UsageException(o.command + " needs at least one OID");
      }
      if (o.version.equals("3") && o.user == null) throw new UsageException("-v 3 needs a user: -u NAME");
      return o;
    }

    private void peer(String text) {
      String t = text.startsWith("udp:") ? text.substring(4) : text;
      int colon = t.lastIndexOf(':');
      if (colon > 0 && t.indexOf(':') == colon) {
        host = t.substring(0, colon);
        String portText = t.substring(colon + 1);
        try {
          port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 1 || port > 65535) {
          throw new UsageException("port '" + portText + "' in agent '" + text + "' must be a number from 1 to 65535");
        }
      } else {
        host = t;
      }
      if (host.isEmpty()) throw new UsageException("agent '" + text + "' has no host");
    }

    private static Isolation strategy(String name) {
      return switch (name) {
        case "default" -> null;
        case "serialized" -> Isolation.serialized();
        case "thread-confined" -> Isolation.threadConfined(1);
        case "child-processes" -> Isolation.childProcesses(1);
        default -> throw new UsageException(
            "--strategy '" + name + "': use default, serialized, thread-confined or child-processes");
      };
    }

    private static double positiveNumber(String what, String v) {
      try {
        double d = Double.parseDouble(v);
        if (d > 0 && d < 3600) return d;
      } catch (NumberFormatException e) {
        // falls through to the usage error
      }
      throw new UsageException(what + " '" + v + "' must be a number of seconds above 0");
    }

    private static long nonNegativeInt(String what, String v) {
      try {
        long n = Long.parseLong(v);
        if (n >= 0 && n <= Integer.MAX_VALUE) return n;
      } catch (NumberFormatException e) {
        // falls through to the usage error
      }
      throw new UsageException(what + " '" + v + "' must be a whole number 0 or above");
    }

    Target target() {
      Target t;
      if (version.equals("3")) {
        t = Target.v3(host, port, usmUser());
      } else if (version.equals("1")) {
        t = Target.v1(host, port, community);
      } else {
        t = Target.v2c(host, port, community);
      }
      return t.withTimeout(Duration.ofMillis((long) (timeoutSeconds * 1000))).withRetries(retries);
    }

    private UsmUser usmUser() {
      String lvl = level != null ? level : (privPass != null ? "authPriv" : authPass != null ? "authNoPriv" : "noAuthNoPriv");
      try {
        return switch (lvl) {
          case "noAuthNoPriv", "noauth" -> UsmUser.noAuth(user);
          case "authNoPriv", "auth" -> UsmUser.auth(user, auth(), require("-A", authPass));
          case "authPriv", "priv" -> UsmUser.authPriv(user, auth(), require("-A", authPass), priv(), require("-X", privPass));
          default -> throw new UsageException("-l '" + lvl + "': use noAuthNoPriv, authNoPriv or authPriv");
        };
      } catch (IllegalArgumentException e) {
        if (e instanceof UsageException u) throw u;
        throw new UsageException(e.getMessage());
      }
    }

    private static String require(String option, String value) {
      if (value == null) throw new UsageException("this security level needs " + option + " PASSPHRASE");
      return value;
    }

    private AuthProtocol auth() {
      try {
        return AuthProtocol.valueOf(authProtocol.toUpperCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new UsageException("-a '" + authProtocol + "': use MD5, SHA, SHA-224, SHA-256, SHA-384 or SHA-512");
      }
    }

    private PrivProtocol priv() {
      try {
        return PrivProtocol.valueOf(privProtocol.toUpperCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new UsageException("-x '" + privProtocol + "': use DES, AES, AES-192 or AES-256");
      }
    }
  }
}
