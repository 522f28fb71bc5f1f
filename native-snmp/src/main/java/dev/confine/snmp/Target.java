package dev.confine.snmp;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to talk to one agent: host, UDP port, version, community or SNMPv3 user, timeout
 * and retries. Immutable and thread-safe; the {@code with...} methods return changed copies.
 */
public final class Target {
  private final String host;
  private final int port;
  private final SnmpVersion version;
  private final String community;
  private final UsmUser user;
  private final Duration timeout;
  private final int retries;
  private final int maxResponseSize;

  private Target(String host, int port, SnmpVersion version, String community, UsmUser user, Duration timeout, int retries) {
    this(host, port, version, community, user, timeout, retries, 0);
  }

  private Target(String host, int port, SnmpVersion version, String community, UsmUser user, Duration timeout, int retries, int maxResponseSize) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.length() > 253 || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "host '%s' is not a host name or IP address", host));
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "port must be 1..65535: %d", port));
    }
    if (community != null && (community.isEmpty() || community.length() > 255 || community.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException("community must be 1 to 255 characters without NUL");
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "timeout must be positive and at most 10 minutes: %s", timeout));
    }
    if (retries < 0 || retries > 20) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "retries must be 0..20: %d", retries));
    }
    this.host = host;
    this.port = port;
    this.version = version;
    this.community = community;
    this.user = user;
    this.timeout = timeout;
    if (maxResponseSize != 0 && (maxResponseSize < 484 || maxResponseSize > 65507)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "maxResponseSize must be 484..65507 bytes: %d", maxResponseSize));
    }
    this.retries = retries;
    this.maxResponseSize = maxResponseSize;
  }

  /** An SNMPv1 target; timeout 1 s, 1 retry. */
  public static Target v1(String host, int port, String community) {
    return new Target(host, port, SnmpVersion.V1, Objects.requireNonNull(community, "community"), null, Duration.ofSeconds(1), 1);
  }

  /** An SNMPv2c target; timeout 1 s, 1 retry. */
  public static Target v2c(String host, int port, String community) {
    return new Target(host, port, SnmpVersion.V2C, Objects.requireNonNull(community, "community"), null, Duration.ofSeconds(1), 1);
  }

  /** An SNMPv3 (USM) target; timeout 1 s, 1 retry. */
  public static Target v3(String host, int port, UsmUser user) {
    return new Target(host, port, SnmpVersion.V3, null, Objects.requireNonNull(user, "user"), Duration.ofSeconds(1), 1);
  }

  /** A copy with this per-request timeout (each try waits this long). */
  public Target withTimeout(Duration timeout) {
    return new Target(host, port, version, community, user, timeout, retries, maxResponseSize);
  }

  /** A copy with this number of retries after the first try. */
  public Target withRetries(int retries) {
    return new Target(host, port, version, community, user, timeout, retries, maxResponseSize);
  }

  /**
   * A copy that tells the agent the largest response this side accepts (SNMPv3 msgMaxSize,
   * 484..65507 bytes; the library's default when not set). An agent whose response would not fit
   * answers tooBig ({@link SnmpErrorStatusException}).
   */
  public Target withMaxResponseSize(int bytes) {
    return new Target(host, port, version, community, user, timeout, retries, bytes);
  }

  /** The largest response accepted, or 0 for the library's default. */
  public int maxResponseSize() {
    return maxResponseSize;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public SnmpVersion version() {
    return version;
  }

  /** The community, or null for SNMPv3. */
  public String community() {
    return community;
  }

  /** The SNMPv3 user, or null for v1/v2c. */
  public UsmUser user() {
    return user;
  }

  public Duration timeout() {
    return timeout;
  }

  public int retries() {
    return retries;
  }

  /** The longest a request on this target can take: every try times out. */
  Duration worstCase() {
    return timeout.multipliedBy(retries + 1L);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Target[%s:%d %s %s]", host, port, version, user != null ? user.toString() : "community");
  }
}
