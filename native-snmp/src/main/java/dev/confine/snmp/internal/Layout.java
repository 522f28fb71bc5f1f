package dev.confine.snmp.internal;

import com.sun.jna.Native;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Struct sizes and field offsets of Net-SNMP 5.9.0 to 5.9.4 (soname .so.40) on LP64 Linux, read
 * from the 5.9.3 headers with {@code offsetof} (the probe is kept as
 * src/test/c/layout_probe.c and checked by LayoutTest when a C compiler and the headers are
 * present). 5.9.5 changed the session struct and the soname, so only these versions are accepted.
 */
final class Layout {
  private Layout() {}

  static final int SESSION_SIZE = 488;
  static final int S_VERSION = 0; // long
  static final int S_RETRIES = 8; // int
  static final int S_TIMEOUT = 16; // long, microseconds
  static final int S_FLAGS = 24; // u_long
  static final long FLAG_USER_CREATED = 0x200; // SNMP_FLAGS_USER_CREATED
  static final int S_PEERNAME = 48; // char*
  static final int S_SNMP_ERRNO = 108; // int
  static final int S_COMMUNITY = 120; // u_char*
  static final int S_RCV_MSG_MAX_SIZE = 136; // size_t
  static final int S_COMMUNITY_LEN = 128; // size_t
  static final int S_SEC_ENGINE_ID = 200; // u_char*
  static final int S_SEC_ENGINE_ID_LEN = 208; // size_t
  static final int S_SEC_NAME = 216; // char*
  static final int S_SEC_NAME_LEN = 224; // size_t
  static final int S_AUTH_PROTO = 232; // oid*
  static final int S_AUTH_PROTO_LEN = 240; // size_t
  static final int S_AUTH_KEY = 248; // u_char[64]
  static final int S_AUTH_KEY_LEN = 312; // size_t
  static final int S_PRIV_PROTO = 336; // oid*
  static final int S_PRIV_PROTO_LEN = 344; // size_t
  static final int S_PRIV_KEY = 352; // u_char[64]
  static final int S_PRIV_KEY_LEN = 416; // size_t
  static final int S_SEC_MODEL = 440; // int
  static final int S_SEC_LEVEL = 444; // int
  static final int KU_LEN = 64; // USM_AUTH_KU_LEN == USM_PRIV_KU_LEN

  static final int PDU_COMMAND = 8; // int
  static final int PDU_ERRSTAT = 48; // long (non_repeaters for GETBULK)
  static final int PDU_ERRINDEX = 56; // long (max_repetitions for GETBULK)
  static final int PDU_VARIABLES = 136; // netsnmp_variable_list*

  static final int V_NEXT = 0; // netsnmp_variable_list*
  static final int V_NAME = 8; // oid*
  static final int V_NAME_LEN = 16; // size_t
  static final int V_TYPE = 24; // u_char
  static final int V_VAL = 32; // union pointer
  static final int V_VAL_LEN = 40; // size_t

  static final int MAX_OID_LEN = 128;

  static final int LARGE_FD_SET_SIZE = 144; // netsnmp_large_fd_set: unsigned, fd_set*, fd_set (1024 bits)
  static final int TIMEVAL_SIZE = 16; // struct timeval: tv_sec, tv_usec (longs)

  private static final Pattern VERSION = Pattern.compile("5\\.9(?:\\.(\\d+))?(?:\\..*)?");

  /** Throws with what to install unless {@code version} and the platform match this layout. */
  static void check(String version) {
    if (Native.LONG_SIZE != 8 || Native.SIZE_T_SIZE != 8 || Native.POINTER_SIZE != 8) {
      throw new LibraryUnavailableException(
          String.format(Locale.ROOT, "unsupported platform: this binding needs a 64-bit (LP64) Linux, found long=%d size_t=%d pointer=%d bytes", Native.LONG_SIZE, Native.SIZE_T_SIZE, Native.POINTER_SIZE));
    }
    Matcher m = VERSION.matcher(version == null ? "" : version);
    int patch = m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 0;
    if (!m.matches() || patch > 4) {
      throw new LibraryUnavailableException(
          String.format(Locale.ROOT, "unsupported Net-SNMP version '%s': this binding supports 5.9.0 to 5.9.4 (libnetsnmp.so.40); install Debian/Ubuntu 'libsnmp40'", version));
    }
  }
}
