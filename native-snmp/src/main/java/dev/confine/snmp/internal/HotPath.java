package dev.confine.snmp.internal;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct mapping of the calls every request makes (create, add a binding, send and wait,
 * free): direct calls skip the interface proxy's reflection. Registered against the library that
 * {@link LibNetSnmp#load()} already found; same locking as in {@link Locking}.
 */
final class HotPath {
  private HotPath() {}

  static void register(NativeLibrary library) {
    Native.register(HotPath.class, library);
  }

  static native Pointer snmp_pdu_create(int command);

  static native Pointer snmp_add_null_var(Pointer pdu, long[] name, long nameLength);

  /** {@code response} is a one-element array receiving the response PDU's address (LP64). */
  static native int snmp_sess_synch_response(Pointer sessp, Pointer pdu, long[] response);

  static native void snmp_free_pdu(Pointer pdu);

  // an SNMPv3 request in steps (NetSnmpEngine.exchangeV3): send, wait without the global mutex, read

  /**
   * Net-SNMP's {@code netsnmp_callback}: called from {@link #snmp_sess_read2} or {@link
   * #snmp_sess_timeout} on the calling thread; the PDU is freed after it returns.
   */
  interface ResponseCallback extends Callback {
    int invoke(int op, Pointer session, int reqid, Pointer pdu, Pointer magic);
  }

  /** Returns the request id, or 0 on failure (the PDU is then still the caller's). */
  static native int snmp_sess_async_send(Pointer sessp, Pointer pdu, ResponseCallback callback, Pointer magic);

  /** {@code numfds} and {@code block} are one-element in/out arrays; {@code timeout} a struct timeval. */
  static native int snmp_sess_select_info2_flags(Pointer sessp, int[] numfds, Pointer fdset, Pointer timeout, int[] block, int flags);

  static native int snmp_sess_read2(Pointer sessp, Pointer fdset);

  static native void snmp_sess_timeout(Pointer sessp);

  static native Pointer snmp_clone_pdu(Pointer pdu);

  static native int snmpv3_get_report_type(Pointer pdu);

  static native void netsnmp_large_fd_set_init(Pointer fdset, int setsize);

  static native int netsnmp_large_fd_set_select(int numfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Pointer timeout);

  static native void netsnmp_large_fd_set_cleanup(Pointer fdset);
}
