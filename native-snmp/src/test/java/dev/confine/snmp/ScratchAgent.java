package dev.confine.snmp;

/** UNTRACKED scratch: a hand-started snmpd until S2's extension lands. */
final class ScratchAgent {
  static final String HOST = "127.0.0.1";
  static final int PORT = 16161;
}
