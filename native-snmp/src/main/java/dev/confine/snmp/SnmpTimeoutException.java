package dev.confine.snmp;

/** No response arrived within the target's timeout and retries (also what a wrong community looks like: agents drop such requests silently). */
public final class SnmpTimeoutException extends SnmpException {
  private static final long serialVersionUID = 1L;

  public SnmpTimeoutException(String message) {
    super(message);
  }
}
