package dev.confine.snmp;

/** SNMPv3 credentials were rejected: wrong passphrase, unknown user, unsupported security level, or a decryption failure. */
public final class SnmpAuthenticationException extends SnmpException {
  private static final long serialVersionUID = 1L;

  public SnmpAuthenticationException(String message) {
    super(message);
  }
}
