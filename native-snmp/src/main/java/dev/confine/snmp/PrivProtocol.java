package dev.confine.snmp;

/** SNMPv3 privacy protocols. AES is AES-128 (RFC 3826); AES192/AES256 are the Blumenthal draft variants Net-SNMP implements. Enum constants: immutable and thread-safe. */
public enum PrivProtocol {
  DES("1.3.6.1.6.3.10.1.2.2"),
  AES("1.3.6.1.6.3.10.1.2.4"),
  AES192("1.3.6.1.4.1.14832.1.3"),
  AES256("1.3.6.1.4.1.14832.1.4");

  final String oid;

  PrivProtocol(String oid) {
    this.oid = oid;
  }
}
