/** Confine native-snmp. */
module dev.confine.snmp {
  requires transitive dev.confine.isolation;
}
