package dev.confine.snmp;

/** SNMP protocol versions. Enum constants: immutable and thread-safe. */
public enum SnmpVersion {
  V1(0),
  V2C(1),
  V3(3);

  final int wire;

  SnmpVersion(int wire) {
    this.wire = wire;
  }
}
