package dev.confine.snmp;

/** SNMPv3 authentication protocols (USM, RFC 3414 and RFC 7860). Enum constants: immutable and thread-safe. */
public enum AuthProtocol {
  MD5("1.3.6.1.6.3.10.1.1.2"),
  SHA("1.3.6.1.6.3.10.1.1.3"),
  SHA224("1.3.6.1.6.3.10.1.1.4"),
  SHA256("1.3.6.1.6.3.10.1.1.5"),
  SHA384("1.3.6.1.6.3.10.1.1.6"),
  SHA512("1.3.6.1.6.3.10.1.1.7");

  final String oid;

  AuthProtocol(String oid) {
    this.oid = oid;
  }
}
