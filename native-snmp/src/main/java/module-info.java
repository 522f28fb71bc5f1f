/**
 * Confine native-snmp: Net-SNMP 5.9 through JNA behind a global mutex plus per-session locks, or
 * behind any {@link dev.confine.isolation.Isolation} strategy. The entry type is {@link
 * dev.confine.snmp.SnmpClient}.
 */
module dev.confine.snmp {
  requires transitive dev.confine.isolation;
  requires com.sun.jna;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.confine.snmp;

  // Jackson reads and writes the call records that cross into child-process workers
  opens dev.confine.snmp.internal to com.fasterxml.jackson.databind;

  provides dev.confine.core.Backend with dev.confine.snmp.internal.NetSnmpBackend;
}
