package dev.confine.snmp;

import dev.confine.isolation.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The entry point: an SNMP client on the system's Net-SNMP 5.9 library ({@code libnetsnmp.so.40}).
 *
 * <pre>{@code
 * try (SnmpClient client = SnmpClient.newBuilder().open();
 *     SnmpSession s = client.open(Target.v2c("127.0.0.1", 161, "public"))) {
 *   VarBind descr = s.get(Oid.parse("1.3.6.1.2.1.1.1.0"));
 * }
 * }</pre>
 *
 * <p><b>Concurrency:</b> thread-safe; open sessions and make requests from any number of threads.
 * By default (no strategy) the client runs in-process behind the module's own locks: one
 * process-wide mutex around everything that touches Net-SNMP's global state (init, MIBs, OID
 * names, session open/close, key generation, every SNMPv3 request) and one lock per session
 * around its traffic, so v1/v2c requests on different sessions run in parallel. With {@link
 * Builder#strategy(Isolation)} the same calls run under that isolation strategy instead; nothing
 * else in user code changes. Errors: {@link SnmpTimeoutException}, {@link
 * SnmpAuthenticationException}, {@link SnmpErrorStatusException}, other {@link SnmpException}s,
 * {@link IllegalArgumentException} for bad input (naming it), and the isolation errors of {@code
 * dev.confine.core} when a strategy is in use.
 *
 * <p>Net-SNMP's library state is process-wide: it is initialised once per process (no
 * configuration files, no persistent state under {@code /var/lib/snmp}, no MIBs unless asked) and
 * never shut down; MIB modules loaded by one client are visible to every client in the process.
 */
public final class SnmpClient implements AutoCloseable {
  private final ClientCore core;

  private SnmpClient(ClientCore core) {
    this.core = core;
  }

  /** A builder with the default mode (in-module global mutex plus per-session locks). */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Opens a session to {@code target}.
   *
   * @throws IllegalArgumentException if the host cannot be resolved or the target is unusable
   * @throws SnmpAuthenticationException if SNMPv3 discovery already rejected the credentials
   */
  public SnmpSession open(Target target) {
    Objects.requireNonNull(target, "target");
    return core.open(target);
  }

  /**
   * Resolves a numeric OID or a name from the loaded MIB modules ({@code SNMPv2-MIB::sysDescr.0},
   * {@code sysDescr.0}).
   *
   * @throws IllegalArgumentException naming the input if it is malformed or unknown
   */
  public Oid oid(String nameOrNumeric) {
    Objects.requireNonNull(nameOrNumeric, "nameOrNumeric");
    if (Oid.isNumeric(nameOrNumeric)) {
      return Oid.parse(nameOrNumeric);
    }
    try {
      return core.resolve(nameOrNumeric);
    } catch (IllegalArgumentException unknown) {
      String s = nameOrNumeric.startsWith(".") ? nameOrNumeric.substring(1) : nameOrNumeric;
      if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
        // meant as a numeric OID with a typo: say which arc, not only that no MIB names it
        try {
          Oid.parse(nameOrNumeric);
        } catch (IllegalArgumentException malformed) {
          throw new IllegalArgumentException(malformed.getMessage() + " (and no loaded MIB module names it)", unknown);
        }
      }
      throw unknown;
    }
  }

  /**
   * {@code oid} printed with the names of the loaded MIB modules, as Net-SNMP's tools print it
   * (e.g. {@code SNMPv2-MIB::sysDescr.0}); arcs no loaded module names stay numeric.
   */
  public String name(Oid oid) {
    Objects.requireNonNull(oid, "oid");
    return core.name(oid);
  }

  /** The strategy, or {@code "in-module"} for the default mode. */
  public String mode() {
    return core.mode();
  }

  /** Closes every session this client opened and, under a strategy, the strategy. Idempotent. */
  @Override
  public void close() {
    core.close();
  }

  /** Builds an {@link SnmpClient}. Not thread-safe; build on one thread, then share the client. */
  public static final class Builder {
    private Isolation strategy;
    private final List<Path> mibDirectories = new ArrayList<>();
    private final List<String> mibModules = new ArrayList<>();
    private Duration callTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Runs every call under {@code strategy} (serialized, thread-confined or child processes)
     * instead of the default in-module locking.
     */
    public Builder strategy(Isolation strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** Adds a directory to search for MIB modules (none by default). */
    public Builder mibDirectory(Path dir) {
      Objects.requireNonNull(dir, "dir");
      mibDirectories.add(dir);
      return this;
    }

    /** Loads this MIB module by name (e.g. {@code CONFINE-TEST-MIB}); none by default. */
    public Builder mibModule(String name) {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "MIB module name '%s' is malformed: expected a letter then letters, digits and '-'", name));
      }
      mibModules.add(name);
      return this;
    }

    /**
     * The longest one call may take including lock or queue waits (default 60 s); a request
     * itself is bounded by its target's timeout and retries.
     */
    public Builder callTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("callTimeout must be positive: " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Loads the library (if this process has not yet), loads the MIB modules asked for, and
     * returns the client.
     *
     * @throws SnmpException if libnetsnmp is missing or an unsupported version (the message says
     *     what to install)
     * @throws IllegalArgumentException if a MIB directory or module does not exist
     */
    public SnmpClient open() {
      for (Path d : mibDirectories) {
        if (!java.nio.file.Files.isDirectory(d)) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "MIB directory '%s' does not exist or is not a directory", d));
        }
      }
      return new SnmpClient(ClientCore.open(strategy, List.copyOf(mibDirectories), List.copyOf(mibModules), callTimeout));
    }
  }
}
