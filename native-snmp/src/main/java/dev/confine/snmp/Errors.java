package dev.confine.snmp;

import dev.confine.snmp.internal.Wire;

/** Turns a backend's error outcome into the public exception type. */
final class Errors {
  private Errors() {}

  static RuntimeException of(Wire.ErrorKind kind, String message, int status, int index) {
    switch (kind) {
      case TIMEOUT:
        return new SnmpTimeoutException(message);
      case AUTHENTICATION:
        return new SnmpAuthenticationException(message);
      case ERROR_STATUS:
        return new SnmpErrorStatusException(status, index, message);
      case BAD_INPUT:
        return new IllegalArgumentException(message);
      default:
        return new SnmpException(message);
    }
  }
}
