package dev.confine.snmp;

import java.util.Locale;
import java.util.Objects;

/**
 * SNMPv3 user credentials. Immutable and thread-safe. Passphrases must be at least 8 characters
 * (Net-SNMP's key generation rejects shorter ones). {@link #toString()} never prints them.
 *
 * @param securityName the user name
 * @param level the security level
 * @param authProtocol null for {@link SecurityLevel#NO_AUTH_NO_PRIV}
 * @param authPassphrase null for {@link SecurityLevel#NO_AUTH_NO_PRIV}
 * @param privProtocol non-null only for {@link SecurityLevel#AUTH_PRIV}
 * @param privPassphrase non-null only for {@link SecurityLevel#AUTH_PRIV}
 */
public record UsmUser(
    String securityName,
    SecurityLevel level,
    AuthProtocol authProtocol,
    String authPassphrase,
    PrivProtocol privProtocol,
    String privPassphrase) {

  /** Checks the combination; errors name the field and what was expected. */
  public UsmUser {
    Objects.requireNonNull(securityName, "securityName");
    Objects.requireNonNull(level, "level");
    if (securityName.isEmpty() || securityName.length() > 32 || securityName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "SNMPv3 user name '%s' must be 1 to 32 characters without NUL", securityName));
    }
    boolean auth = level != SecurityLevel.NO_AUTH_NO_PRIV;
    boolean priv = level == SecurityLevel.AUTH_PRIV;
    if (auth != (authProtocol != null) || auth != (authPassphrase != null)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "user '%s' at %s: an auth protocol and passphrase are %s", securityName, level, auth ? "required" : "not allowed"));
    }
    if (priv != (privProtocol != null) || priv != (privPassphrase != null)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "user '%s' at %s: a privacy protocol and passphrase are %s", securityName, level, priv ? "required" : "not allowed"));
    }
    checkPassphrase(securityName, "authentication", authPassphrase);
    checkPassphrase(securityName, "privacy", privPassphrase);
  }

  private static void checkPassphrase(String user, String what, String p) {
    if (p != null && (p.length() < 8 || p.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "user '%s': the %s passphrase must be at least 8 characters (got %d) without NUL", user, what, p.length()));
    }
  }

  /** A noAuthNoPriv user. */
  public static UsmUser noAuth(String name) {
    return new UsmUser(name, SecurityLevel.NO_AUTH_NO_PRIV, null, null, null, null);
  }

  /** An authNoPriv user. */
  public static UsmUser auth(String name, AuthProtocol auth, String authPassphrase) {
    return new UsmUser(name, SecurityLevel.AUTH_NO_PRIV, auth, authPassphrase, null, null);
  }

  /** An authPriv user. */
  public static UsmUser authPriv(String name, AuthProtocol auth, String authPassphrase, PrivProtocol priv, String privPassphrase) {
    return new UsmUser(name, SecurityLevel.AUTH_PRIV, auth, authPassphrase, priv, privPassphrase);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "UsmUser[%s, %s, auth=%s, priv=%s]", securityName, level, authProtocol, privProtocol);
  }
}
