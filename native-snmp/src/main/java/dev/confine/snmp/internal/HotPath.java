package dev.confine.snmp.internal;

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
}
