package dev.confine.snmp;

/** SNMPv3 security levels. Enum constants: immutable and thread-safe. */
public enum SecurityLevel {
  NO_AUTH_NO_PRIV(1),
  AUTH_NO_PRIV(2),
  AUTH_PRIV(3);

  final int wire;

  SecurityLevel(int wire) {
    this.wire = wire;
  }
}
