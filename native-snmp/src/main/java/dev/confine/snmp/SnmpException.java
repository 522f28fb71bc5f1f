package dev.confine.snmp;

import dev.confine.core.ConfineException;

/**
 * An SNMP request or session failed. Subtypes say why: {@link SnmpTimeoutException}, {@link
 * SnmpAuthenticationException}, {@link SnmpErrorStatusException}. A request that timed out or
 * failed may still have reached the agent (a SET may have been applied).
 */
public class SnmpException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public SnmpException(String message) {
    super(message);
  }

  public SnmpException(String message, Throwable cause) {
    super(message, cause);
  }
}
