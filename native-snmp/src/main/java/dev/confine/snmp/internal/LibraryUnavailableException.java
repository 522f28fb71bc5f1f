package dev.confine.snmp.internal;

import dev.confine.snmp.SnmpException;

/** libnetsnmp is missing or an unsupported version; the message says what to install. */
final class LibraryUnavailableException extends SnmpException {
  private static final long serialVersionUID = 1L;

  LibraryUnavailableException(String message) {
    super(message);
  }
}
