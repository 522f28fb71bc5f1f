package dev.confine.snmp.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Locale;

/**
 * The part of libnetsnmp (Net-SNMP 5.9, soname .so.40) this module maps, and nothing more. Which
 * of these calls need which lock is in {@link Locking}. {@code size_t} and {@code oid} are 64-bit
 * ({@code long}) on the supported LP64 platforms; {@link Layout} checks that at load.
 */
interface LibNetSnmp extends Library {
  String SONAME = "netsnmp";

  /**
   * System property naming the library to load instead (a file path or a name), for installations
   * outside the linker's search path, e.g. {@code /opt/net-snmp/lib/libnetsnmp.so.40}.
   */
  String LIBRARY_PROPERTY = "confine.snmp.library";

  /** Loads the library or throws with what to install. */
  static LibNetSnmp load() {
    UnsatisfiedLinkError first = null;
    String override = System.getProperty(LIBRARY_PROPERTY);
    String[] candidates = override != null ? new String[] {override} : new String[] {"netsnmp.so.40", "libnetsnmp.so.40", SONAME};
    for (String name : candidates) {
      try {
        LibNetSnmp lib = Native.load(name, LibNetSnmp.class);
        HotPath.register(NativeLibrary.getInstance(name));
        return lib;
      } catch (UnsatisfiedLinkError e) {
        if (first == null) {
          first = e;
        }
      }
    }
    throw new LibraryUnavailableException(
        String.format(
            Locale.ROOT,
            "Net-SNMP's library %s (Net-SNMP 5.9) could not be loaded (%s); install it: "
                + "Debian/Ubuntu 'apt-get install libsnmp40', Fedora 'dnf install net-snmp-libs', "
                + "or run ./confine setup",
            override != null ? "'" + override + "' (from -D" + LIBRARY_PROPERTY + ")" : "libnetsnmp.so.40",
            first == null ? "not found" : first.getMessage().lines().findFirst().orElse("")));
  }

  String netsnmp_get_version();

  int netsnmp_ds_set_boolean(int storeid, int which, int value);

  void init_snmp(String type);

  void snmp_disable_log();

  Pointer netsnmp_register_loghandler(int type, int priority);

  void netsnmp_enable_this_loghandler(Pointer handler);

  void set_persistent_directory(String dir);

  // sessions (single-session API)
  Pointer snmp_sess_init(Pointer session);

  Pointer snmp_sess_open(Pointer session);

  Pointer snmp_sess_session(Pointer sessp);

  int snmp_sess_close(Pointer sessp);

  void snmp_sess_error(Pointer sessp, IntByReference pErrno, IntByReference pSnmpErrno, PointerByReference pStr);

  String snmp_api_errstring(int snmpErrno);

  // PDUs
  Pointer snmp_pdu_create(int command);

  Pointer snmp_add_null_var(Pointer pdu, long[] name, long nameLength);

  Pointer snmp_pdu_add_variable(Pointer pdu, long[] name, long nameLength, byte type, Pointer value, long len);

  int snmp_sess_synch_response(Pointer sessp, Pointer pdu, PointerByReference response);

  void snmp_free_pdu(Pointer pdu);

  // SNMPv3 keys and the USM user cache
  int generate_Ku(long[] hashType, int hashTypeLen, byte[] passphrase, long passphraseLen, byte[] ku, LongByReference kuLen);

  Pointer usm_get_user(Pointer engineId, long engineIdLen, String name);

  Pointer usm_remove_user(Pointer user);

  Pointer usm_free_user(Pointer user);

  int usm_create_user_from_session(Pointer session);

  // MIBs and names
  int add_mibdir(String dir);

  int which_module(String name);

  Pointer netsnmp_read_module(String name);

  Pointer snmp_parse_oid(String input, long[] objid, LongByReference objidLen);

  int snprint_objid(byte[] buf, long bufLen, long[] objid, long objidLen);

}
