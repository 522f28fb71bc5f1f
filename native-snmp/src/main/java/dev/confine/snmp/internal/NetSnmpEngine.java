package dev.confine.snmp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.confine.core.Deadline;
import dev.confine.snmp.internal.Wire.ErrorKind;
import dev.confine.snmp.internal.Wire.Response;
import dev.confine.snmp.internal.Wire.SessionSpec;
import dev.confine.snmp.internal.Wire.VarBindData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Net-SNMP in this process: one instance per process (the library's state is per process). Every
 * method takes the locks {@link Locking} lists for it, so it is safe from any thread; user input
 * is validated in Java before it reaches a native call.
 */
public final class NetSnmpEngine {
  private static final Object INIT_GUARD = new Object();
  private static volatile NetSnmpEngine instance;

  private static final int DS_LIBRARY_ID = 0;
  private static final int DS_LIB_DONT_READ_CONFIGS = 6;
  private static final int DS_LIB_DONT_PERSIST_STATE = 32;
  private static final int DS_LIB_DISABLE_PERSISTENT_LOAD = 35;

  private static final int LOGHANDLER_NONE = 6;
  private static final int LOG_DEBUG = 7;

  private static final int STAT_SUCCESS = 0;
  private static final int STAT_TIMEOUT = 2;

  private static final int STAT_ERROR = 1;

  private static final int SNMPERR_BAD_ADDRESS = -3;
  private static final int SNMPERR_TOO_LONG = -5;
  private static final int SNMPERR_TIMEOUT = -24;
  private static final int SNMPERR_ABORT = -22;
  private static final int SNMPERR_GENERR = -1;
  private static final int SNMPERR_NOT_IN_TIME_WINDOW = -36;
  private static final int SNMPERR_PROTOCOL = -64;

  private static final int OP_RECEIVED_MESSAGE = 1;
  private static final int OP_TIMED_OUT = 2;
  private static final int OP_DISCONNECT = 5;
  private static final int MSG_RESPONSE = 0xA2;
  private static final int MSG_REPORT = 0xA8;
  private static final int SELECT_NOALARMS = 0x01;
  private static final int FD_SETSIZE = 1024;
  private static final int EINTR = 4;

  private final LibNetSnmp lib;
  private final String version;
  private final AtomicLong sessionIds = new AtomicLong();

  // guarded by Locking.GLOBAL: whose keys (NativeSession.keyId) are in the USM user cache for "engineId/name"
  private final Map<String, String> usmOwner = new HashMap<>();

  /** Which SNMPv3 requests may be in flight together (Locking: after the session lock, before GLOBAL). */
  private final UsmAdmission admission = new UsmAdmission();

  /** The SNMPv3 exchange the calling thread is waiting for; the library calls {@link #responses} on that thread. */
  private static final ThreadLocal<V3Exchange> EXCHANGE = new ThreadLocal<>();

  // a field, so that JNA's native stub is never collected while the library may call it
  private final HotPath.ResponseCallback responses = NetSnmpEngine::onResponse;

  // guarded by Locking.GLOBAL: engine ids (hex) seen per SNMPv3 user name, i.e. every cached USM user
  private final Map<String, Set<String>> engineIdsByName = new HashMap<>();

  private NetSnmpEngine(LibNetSnmp lib, String version) {
    this.lib = lib;
    this.version = version;
  }

  /** The process's engine; loads and initialises the library on first use. */
  public static NetSnmpEngine get() {
    NetSnmpEngine e = instance;
    if (e != null) {
      return e;
    }
    synchronized (INIT_GUARD) {
      if (instance == null) {
        try (Locking.Held held = Locking.acquire(Locking.Op.INIT, 0, Deadline.none())) {
          instance = init();
        }
      }
      return instance;
    }
  }

  /** The library's version string, e.g. 5.9.3. */
  public String version() {
    return version;
  }

  private static NetSnmpEngine init() {
    LibNetSnmp lib = LibNetSnmp.load();
    String v = lib.netsnmp_get_version();
    Layout.check(v);
    // process-private: no snmp.conf read, no persistent state read or written
    lib.netsnmp_ds_set_boolean(DS_LIBRARY_ID, DS_LIB_DONT_READ_CONFIGS, 1);
    lib.netsnmp_ds_set_boolean(DS_LIBRARY_ID, DS_LIB_DONT_PERSIST_STATE, 1);
    lib.netsnmp_ds_set_boolean(DS_LIBRARY_ID, DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    // library messages would go to stderr (it falls back to stderr when no handler is enabled);
    // a discarding handler keeps them out, errors reach callers through return codes instead
    lib.snmp_disable_log();
    Pointer none = lib.netsnmp_register_loghandler(LOGHANDLER_NONE, LOG_DEBUG);
    if (none != null) {
      lib.netsnmp_enable_this_loghandler(none);
    }
    // whatever the library still wants to create (cert and MIB indexes) goes to a private
    // directory that is deleted at exit, never /var/lib/snmp or ~/.snmp
    lib.set_persistent_directory(PrivateDir.create().toString());
    CLib c = CLib.INSTANCE;
    String oldMibs = c.getenv("MIBS");
    String oldMibDirs = c.getenv("MIBDIRS");
    String oldLocale = c.setlocale(CLib.LC_CTYPE, null);
    try {
      // no MIB modules and no MIB directories unless the user names them
      c.setenv("MIBS", "", 1);
      c.setenv("MIBDIRS", "", 1);
      lib.init_snmp("confine");
    } finally {
      restore(c, "MIBS", oldMibs);
      restore(c, "MIBDIRS", oldMibDirs);
      // init_snmp calls setlocale(LC_CTYPE, ""): undo it, the JVM's native locale is not ours to change
      if (oldLocale != null) {
        c.setlocale(CLib.LC_CTYPE, oldLocale);
      }
    }
    return new NetSnmpEngine(lib, v);
  }

  private static void restore(CLib c, String name, String old) {
    if (old == null) {
      c.unsetenv(name);
    } else {
      c.setenv(name, old, 1);
    }
  }

  // ---------------------------------------------------------------- MIBs and names

  /** Adds MIB directories and loads modules; errors name the directory or module. */
  void loadMibs(List<String> dirs, List<String> modules, Deadline deadline) {
    try (Locking.Held held = Locking.acquire(Locking.Op.LOAD_MIB, 0, deadline)) {
      for (String d : dirs) {
        if (!Files.isDirectory(Path.of(d))) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "MIB directory '%s' does not exist or is not a directory", d));
        }
        lib.add_mibdir(d);
      }
      for (String m : modules) {
        if (!m.matches("[A-Za-z][A-Za-z0-9-]{0,63}")) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "MIB module name '%s' is malformed", m));
        }
        if (lib.which_module(m) < 0) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "unknown MIB module '%s': no file in the MIB directories %s defines it; add its directory with mibDirectory(...)", m, dirs));
        }
        lib.netsnmp_read_module(m);
      }
    }
  }

  /** Resolves a MIB name (with optional instance suffix) to arcs. */
  Wire.Resolved resolve(String name, Deadline deadline) {
    if (name.isEmpty() || name.length() > 1024 || name.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
      return new Wire.Resolved(null, String.format(Locale.ROOT, "malformed OID name '%s': expected e.g. SNMPv2-MIB::sysDescr.0 or 1.3.6.1.2.1.1.1.0", name));
    }
    try (Locking.Held held = Locking.acquire(Locking.Op.PARSE_OID, 0, deadline)) {
      long[] buf = new long[Layout.MAX_OID_LEN];
      LongByReference len = new LongByReference(buf.length);
      Pointer p = lib.snmp_parse_oid(name, buf, len);
      if (p == null || len.getValue() <= 0 || len.getValue() > buf.length) {
        return new Wire.Resolved(null, String.format(Locale.ROOT, "unknown OID name '%s': not found in the loaded MIB modules; load its module with mibDirectory(...).mibModule(...)", name));
      }
      long[] out = new long[(int) len.getValue()];
      System.arraycopy(buf, 0, out, 0, out.length);
      return new Wire.Resolved(out, null);
    }
  }

  /** Prints {@code arcs} with the names of the loaded MIB modules (e.g. SNMPv2-MIB::sysDescr.0). */
  String print(long[] arcs, Deadline deadline) {
    if (arcs.length == 0 || arcs.length > Layout.MAX_OID_LEN) {
      throw new IllegalArgumentException("an OID has 1 to 128 arcs, got " + arcs.length);
    }
    try (Locking.Held held = Locking.acquire(Locking.Op.PRINT_OID, 0, deadline)) {
      byte[] buf = new byte[4096];
      int n = lib.snprint_objid(buf, buf.length, arcs, arcs.length);
      if (n <= 0 || n >= buf.length) {
        return dotted(arcs);
      }
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
  }

  // ---------------------------------------------------------------- sessions

  /** Opens a native session; the error cases come back in the result. */
  OpenOutcome openSession(SessionSpec spec, Deadline deadline) {
    String peer = spec.host().indexOf(':') >= 0 ? "udp6:[" + spec.host() + "]:" + spec.port() : "udp:" + spec.host() + ":" + spec.port();
    try (Locking.Held held = Locking.acquire(Locking.Op.SESSION_OPEN, 0, deadline)) {
      Memory s = new Memory(Layout.SESSION_SIZE);
      s.clear();
      lib.snmp_sess_init(s);
      s.setLong(Layout.S_VERSION, spec.version());
      s.setInt(Layout.S_RETRIES, spec.retries());
      s.setLong(Layout.S_TIMEOUT, spec.timeoutMicros());
      if (spec.maxResponseSize() > 0) {
        s.setLong(Layout.S_RCV_MSG_MAX_SIZE, spec.maxResponseSize());
      }
      // the Memory blocks below must stay reachable until snmp_sess_open has copied them
      Memory peerMem = cString(peer);
      s.setPointer(Layout.S_PEERNAME, peerMem);
      Memory community = null;
      String keyId = null;
      Memory secName = null;
      Memory authProto = null;
      Memory privProto = null;
      if (spec.version() != 3) {
        byte[] c = spec.community().getBytes(StandardCharsets.UTF_8);
        community = new Memory(c.length);
        community.write(0, c, 0, c.length);
        s.setPointer(Layout.S_COMMUNITY, community);
        s.setLong(Layout.S_COMMUNITY_LEN, c.length);
      } else {
        secName = cString(spec.securityName());
        s.setPointer(Layout.S_SEC_NAME, secName);
        s.setLong(Layout.S_SEC_NAME_LEN, spec.securityName().getBytes(StandardCharsets.UTF_8).length);
        s.setInt(Layout.S_SEC_MODEL, 3);
        s.setInt(Layout.S_SEC_LEVEL, spec.securityLevel());
        if (spec.securityLevel() >= 2) {
          long[] auth = arcs(spec.authProtocolOid());
          authProto = oidMemory(auth);
          s.setPointer(Layout.S_AUTH_PROTO, authProto);
          s.setLong(Layout.S_AUTH_PROTO_LEN, auth.length);
          byte[] ku = ku(auth, spec.authPassphrase(), "authentication");
          s.write(Layout.S_AUTH_KEY, ku, 0, ku.length);
          s.setLong(Layout.S_AUTH_KEY_LEN, ku.length);
          if (spec.securityLevel() == 3) {
            long[] priv = arcs(spec.privProtocolOid());
            privProto = oidMemory(priv);
            s.setPointer(Layout.S_PRIV_PROTO, privProto);
            s.setLong(Layout.S_PRIV_PROTO_LEN, priv.length);
            // Net-SNMP generates the privacy Ku with the authentication hash
            byte[] pku = ku(auth, spec.privPassphrase(), "privacy");
            s.write(Layout.S_PRIV_KEY, pku, 0, pku.length);
            s.setLong(Layout.S_PRIV_KEY_LEN, pku.length);
          }
        }
        keyId = keyId(s, spec.securityLevel());
      }
      Pointer sessp = lib.snmp_sess_open(s);
      reachabilityFence(peerMem, community, secName, authProto, privProto);
      if (sessp == null) {
        int errno = s.getInt(Layout.S_SNMP_ERRNO);
        String msg = lib.snmp_api_errstring(errno);
        ErrorKind kind = classify(errno);
        if (errno == SNMPERR_BAD_ADDRESS || (msg != null && msg.toLowerCase(Locale.ROOT).contains("unknown host"))) {
          kind = ErrorKind.BAD_INPUT;
          msg = String.format(Locale.ROOT, "cannot resolve host '%s' (%s); check the name or use an IP address", spec.host(), msg);
        } else {
          msg = String.format(Locale.ROOT, "opening a session to %s:%d failed: %s", spec.host(), spec.port(), msg);
        }
        return new OpenOutcome(null, kind, msg);
      }
      long id = sessionIds.incrementAndGet();
      NativeSession ns = new NativeSession(this, id, sessp, spec.version() == 3 ? spec.securityName() : null, keyId, spec.describe(), spec.noResponseMessage());
      return new OpenOutcome(ns, null, null);
    }
  }

  /**
   * A digest of what a cached USM user built from this session holds: level, protocols and master
   * keys (localized per engine from these, so equal here means equal for every engine).
   */
  private static String keyId(Memory session, int level) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update((byte) level);
      if (level >= 2) {
        digestOid(d, session, Layout.S_AUTH_PROTO, Layout.S_AUTH_PROTO_LEN);
        d.update(session.getByteArray(Layout.S_AUTH_KEY, (int) session.getLong(Layout.S_AUTH_KEY_LEN)));
      }
      if (level == 3) {
        digestOid(d, session, Layout.S_PRIV_PROTO, Layout.S_PRIV_PROTO_LEN);
        d.update(session.getByteArray(Layout.S_PRIV_KEY, (int) session.getLong(Layout.S_PRIV_KEY_LEN)));
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static void digestOid(java.security.MessageDigest d, Memory session, int ptrOffset, int lenOffset) {
    long[] arcs = session.getPointer(ptrOffset).getLongArray(0, (int) session.getLong(lenOffset));
    for (long a : arcs) {
      for (int i = 0; i < 8; i++) {
        d.update((byte) (a >>> (8 * i)));
      }
    }
    d.update((byte) 0xFF);
  }

  /** A session, or why it could not be opened. */
  record OpenOutcome(NativeSession session, ErrorKind error, String message) {}

  private static void reachabilityFence(Object... keep) {
    java.lang.ref.Reference.reachabilityFence(keep);
  }

  /**
   * Net-SNMP 5.9's USM user cache keeps the first keys stored for (engine id, user name) and never
   * updates them, so two sessions with one user name and different passphrases would share the
   * first one's keys. Before every v3 request (GLOBAL held) the cached user is made to carry this
   * session's keys:
   *
   * <ul>
   *   <li>engine id not yet discovered (first request): the library's probe in this request will
   *       create the user from this session, unless one of that name is cached already for the
   *       engine it finds, so every cached user of that name with other keys (for any engine id
   *       this process has seen) is removed first; one with this session's keys can stay;
   *   <li>engine id known: if a session with other keys installed its keys last, replace them with
   *       ours.
   * </ul>
   *
   * {@link UsmAdmission} makes sure that no request whose answer is still to be checked with the
   * keys being replaced or removed is in flight.
   */
  private void prepareV3(NativeSession s) {
    if (s.usmKey == null) {
      for (String hex : List.copyOf(engineIdsByName.getOrDefault(s.securityName, Set.of()))) {
        String key = hex + "/" + s.securityName;
        if (!s.keyId.equals(usmOwner.get(key))) {
          removeCachedUser(HexFormat.of().parseHex(hex), s.securityName);
          usmOwner.remove(key);
        }
      }
    } else if (!s.keyId.equals(usmOwner.get(s.usmKey))) {
      removeCachedUser(s.engineId, s.securityName);
      Pointer inner = lib.snmp_sess_session(s.sessp);
      // the library creates a session's user only once (SNMP_FLAGS_USER_CREATED); clear the flag to recreate it
      inner.setLong(Layout.S_FLAGS, inner.getLong(Layout.S_FLAGS) & ~Layout.FLAG_USER_CREATED);
      lib.usm_create_user_from_session(inner);
      usmOwner.put(s.usmKey, s.keyId);
    }
  }

  /** After a v3 request (GLOBAL held): record the engine id the library discovered. */
  private void afterV3(NativeSession s) {
    if (s.usmKey != null || s.sessp == null) {
      return;
    }
    Pointer inner = lib.snmp_sess_session(s.sessp);
    long len = inner.getLong(Layout.S_SEC_ENGINE_ID_LEN);
    Pointer p = inner.getPointer(Layout.S_SEC_ENGINE_ID);
    if (p == null || len <= 0 || len > 32) {
      return;
    }
    s.engineId = p.getByteArray(0, (int) len);
    String hex = HexFormat.of().formatHex(s.engineId);
    s.usmKey = hex + "/" + s.securityName;
    engineIdsByName.computeIfAbsent(s.securityName, k -> new HashSet<>()).add(hex);
    usmOwner.put(s.usmKey, s.keyId);
  }

  private void removeCachedUser(byte[] engineId, String name) {
    if (engineId == null || engineId.length == 0) {
      return;
    }
    Memory e = new Memory(engineId.length);
    e.write(0, engineId, 0, engineId.length);
    Pointer user = lib.usm_get_user(e, engineId.length, name);
    if (user != null) {
      lib.usm_remove_user(user);
      lib.usm_free_user(user);
    }
  }

  private byte[] ku(long[] hash, String passphrase, String what) {
    byte[] p = passphrase.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[Layout.KU_LEN];
    LongByReference len = new LongByReference(out.length);
    // caller holds GLOBAL (SESSION_OPEN covers KEY_GENERATION)
    int rc = lib.generate_Ku(hash, hash.length, p, p.length, out, len);
    if (rc != 0 || len.getValue() <= 0 || len.getValue() > out.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "Net-SNMP could not derive the %s key from the passphrase (error %d); is the protocol supported by this libnetsnmp?", what, rc));
    }
    byte[] ku = new byte[(int) len.getValue()];
    System.arraycopy(out, 0, ku, 0, ku.length);
    return ku;
  }

  /** Closes a session once; later calls do nothing. */
  void closeSession(NativeSession s) {
    try (Locking.Held held = Locking.acquire(Locking.Op.SESSION_CLOSE, s.id, Deadline.none())) {
      if (s.sessp == null) {
        return;
      }
      if (s.v3 && !Locking.NO_USM_UPKEEP && s.usmKey != null) {
        // drop this session's keys from the global cache so no later session inherits them, once no
        // request of that user name is in flight (a session with the same keys may still be)
        try (UsmAdmission.Admitted alone = Locking.NO_LOCKS ? null : admission.enter(s.securityName, UsmAdmission.exclusive(), Deadline.none());
            Locking.Held global = Locking.acquire(Locking.Op.GLOBAL_STEP, s.id, Deadline.none())) {
          if (s.keyId.equals(usmOwner.get(s.usmKey))) {
            removeCachedUser(s.engineId, s.securityName);
            usmOwner.remove(s.usmKey);
          }
          lib.snmp_sess_close(s.sessp);
        }
      } else {
        try (Locking.Held global = Locking.acquire(Locking.Op.GLOBAL_STEP, s.id, Deadline.none())) {
          lib.snmp_sess_close(s.sessp);
        }
      }
      s.sessp = null;
    }
  }

  // ---------------------------------------------------------------- requests

  /** Sends one request and waits for its response; every native PDU is freed on every path. */
  Response request(NativeSession s, int command, int nonRepeaters, int maxRepetitions, List<VarBindData> bindings, Deadline deadline) {
    Locking.Op op = s.v3 ? Locking.Op.REQUEST_V3 : Locking.Op.REQUEST_V1_V2C;
    try (Locking.Held held = Locking.acquire(op, s.id, deadline)) {
      if (s.sessp == null) {
        throw new IllegalStateException(s + " is closed");
      }
      if (!s.v3 || Locking.NO_LOCKS) {
        return exchange(s, command, nonRepeaters, maxRepetitions, bindings);
      }
      try (UsmAdmission.Admitted admitted = admission.enter(s.securityName, s.keyId, deadline)) {
        return exchange(s, command, nonRepeaters, maxRepetitions, bindings);
      }
    }
  }

  /** Builds the request, exchanges it and decodes the answer; the caller holds the locks {@link #request} takes. */
  private Response exchange(NativeSession s, int command, int nonRepeaters, int maxRepetitions, List<VarBindData> bindings) {
    Pointer pdu = HotPath.snmp_pdu_create(command);
    if (pdu == null) {
      return Response.failed(ErrorKind.OTHER, "snmp_pdu_create failed (out of memory?)");
    }
    boolean consumed = false;
    try {
      if (command == Wire.GETBULK) {
        pdu.setLong(Layout.PDU_ERRSTAT, nonRepeaters);
        pdu.setLong(Layout.PDU_ERRINDEX, maxRepetitions);
      }
      for (VarBindData vb : bindings) {
        Pointer added = command == Wire.SET ? addValue(pdu, vb) : HotPath.snmp_add_null_var(pdu, vb.oid(), vb.oid().length);
        if (added == null) {
          return Response.failed(ErrorKind.BAD_INPUT, "Net-SNMP could not encode the binding for " + dotted(vb.oid()));
        }
      }
      long[] out = new long[1];
      consumed = true; // both consume the request PDU on every path
      int status = s.v3 ? exchangeV3(s, pdu, out) : HotPath.snmp_sess_synch_response(s.sessp, pdu, out);
      Pointer resp = out[0] == 0 ? null : new Pointer(out[0]);
      try {
        if (status == STAT_SUCCESS && resp != null) {
          long errstat = resp.getLong(Layout.PDU_ERRSTAT);
          long errindex = resp.getLong(Layout.PDU_ERRINDEX);
          if (errstat != 0) {
            return new Response(List.of(), ErrorKind.ERROR_STATUS, (int) errstat, (int) errindex, null);
          }
          return Response.ok(decode(resp));
        }
        if (status == STAT_TIMEOUT) {
          return Response.failed(ErrorKind.TIMEOUT, s.noResponse);
        }
        return sessionError(s);
      } finally {
        if (resp != null) {
          HotPath.snmp_free_pdu(resp);
        }
      }
    } finally {
      if (!consumed) {
        HotPath.snmp_free_pdu(pdu);
      }
    }
  }

  /**
   * One SNMPv3 request; consumes {@code pdu}. The caller holds the session lock and the request's
   * {@link UsmAdmission}. Once the agent's engine id is known, the global mutex is held only while
   * the library encrypts and sends, reads and checks the answer, or retransmits, and not while the
   * request waits on the network, so requests of different sessions wait together. The first
   * request's engine-id discovery happens inside the library's send, synchronously, so that one
   * runs whole under the mutex, as with v1/v2c's {@code snmp_sess_synch_response}.
   */
  private int exchangeV3(NativeSession s, Pointer pdu, long[] out) {
    boolean upkeep = !Locking.NO_USM_UPKEEP;
    if (s.usmKey == null || Locking.NO_LOCKS) {
      try (Locking.Held global = Locking.acquire(Locking.Op.GLOBAL_STEP, s.id, Deadline.none())) {
        if (upkeep) {
          prepareV3(s);
        }
        int status = HotPath.snmp_sess_synch_response(s.sessp, pdu, out);
        if (upkeep) {
          afterV3(s);
        }
        return status;
      }
    }
    V3Exchange x = new V3Exchange();
    EXCHANGE.set(x);
    try {
      try (Locking.Held global = Locking.acquire(Locking.Op.GLOBAL_STEP, s.id, Deadline.none())) {
        prepareV3(s);
        x.reqid = HotPath.snmp_sess_async_send(s.sessp, pdu, responses, null);
      }
      if (x.reqid == 0) {
        HotPath.snmp_free_pdu(pdu); // not sent: still ours; the session's error says why
        return STAT_ERROR;
      }
      Memory fds = new Memory(Layout.LARGE_FD_SET_SIZE);
      Memory timeout = new Memory(Layout.TIMEVAL_SIZE);
      int[] numfds = new int[1];
      int[] block = new int[1];
      while (!x.done) {
        HotPath.netsnmp_large_fd_set_init(fds, FD_SETSIZE);
        try {
          numfds[0] = 0;
          // 1 on input: "no timeout yet", so the library puts the time to the request's next
          // retransmission in; with 0 it would keep a zero timeout and this loop would spin
          block[0] = 1;
          timeout.clear();
          // this session's own request list only (no alarms): covered by the session lock
          HotPath.snmp_sess_select_info2_flags(s.sessp, numfds, fds, timeout, block, SELECT_NOALARMS);
          if (numfds[0] == 0) {
            return failExchange(s, SNMPERR_GENERR); // nothing to wait on: the request is gone without an answer
          }
          int ready = HotPath.netsnmp_large_fd_set_select(numfds[0], fds, null, null, block[0] == 1 ? null : timeout);
          if (ready < 0) {
            if (Native.getLastError() == EINTR) {
              continue;
            }
            return failExchange(s, SNMPERR_GENERR);
          }
          try (Locking.Held global = Locking.acquire(Locking.Op.GLOBAL_STEP, s.id, Deadline.none())) {
            if (ready > 0) {
              HotPath.snmp_sess_read2(s.sessp, fds);
            } else {
              HotPath.snmp_sess_timeout(s.sessp); // retransmits, or ends the request as timed out
            }
          }
        } finally {
          HotPath.netsnmp_large_fd_set_cleanup(fds);
        }
      }
      out[0] = x.response;
      return x.status;
    } finally {
      EXCHANGE.remove();
    }
  }

  private int failExchange(NativeSession s, int snmpErrno) {
    lib.snmp_sess_session(s.sessp).setInt(Layout.S_SNMP_ERRNO, snmpErrno);
    return STAT_ERROR;
  }

  /** What the library reported for the SNMPv3 request the calling thread waits for. */
  private static final class V3Exchange {
    int reqid;
    boolean done;
    int status = STAT_ERROR;
    long response; // a clone of the response PDU, ours to free
  }

  /**
   * The library's callback for {@link #exchangeV3}'s request, on the thread that called read or
   * timeout (under the global mutex): keeps a clone of a response (the library frees the PDU after
   * this returns) and records the outcome the way {@code snmp_sess_synch_response} would, the
   * session's error number included. A report that the agent's clock moved on (not in time window)
   * is not the end: the library has already resent the request with the new time.
   */
  private static int onResponse(int op, Pointer session, int reqid, Pointer pdu, Pointer magic) {
    V3Exchange x = EXCHANGE.get();
    int command = pdu == null ? 0 : pdu.getInt(Layout.PDU_COMMAND);
    if (x == null || (reqid != x.reqid && command != MSG_REPORT)) {
      return 0;
    }
    x.done = true;
    int snmpErrno;
    if (op == OP_RECEIVED_MESSAGE && pdu != null) {
      if (command == MSG_RESPONSE) {
        Pointer clone = HotPath.snmp_clone_pdu(pdu);
        x.response = Pointer.nativeValue(clone);
        x.status = clone == null ? STAT_ERROR : STAT_SUCCESS;
        snmpErrno = clone == null ? SNMPERR_GENERR : 0;
      } else if (command == MSG_REPORT) {
        snmpErrno = HotPath.snmpv3_get_report_type(pdu);
        x.done = snmpErrno != SNMPERR_NOT_IN_TIME_WINDOW;
        x.status = STAT_ERROR;
      } else {
        x.status = STAT_ERROR;
        snmpErrno = SNMPERR_PROTOCOL;
      }
    } else if (op == OP_TIMED_OUT) {
      x.status = STAT_TIMEOUT;
      snmpErrno = SNMPERR_TIMEOUT;
    } else {
      x.status = STAT_ERROR;
      snmpErrno = op == OP_DISCONNECT ? SNMPERR_ABORT : SNMPERR_GENERR;
    }
    if (session != null) {
      session.setInt(Layout.S_SNMP_ERRNO, snmpErrno);
    }
    return 1;
  }

  private Response sessionError(NativeSession s) {
    // caller holds the session lock; the global one covers snmp_api_errstring's static buffer
    try (Locking.Held held = Locking.acquire(Locking.Op.SESSION_ERROR, s.id, Deadline.none())) {
      IntByReference errno = new IntByReference();
      IntByReference snmpErrno = new IntByReference();
      PointerByReference str = new PointerByReference();
      lib.snmp_sess_error(s.sessp, errno, snmpErrno, str);
      String text = null;
      Pointer p = str.getValue();
      if (p != null) {
        text = p.getString(0, "UTF-8");
        Native.free(Pointer.nativeValue(p));
      }
      int code = snmpErrno.getValue();
      ErrorKind kind = classify(code);
      if (kind == ErrorKind.TIMEOUT) {
        // e.g. a v3 session's first request, whose engine-id discovery went unanswered
        return Response.failed(kind, s.noResponse);
      }
      if (code == SNMPERR_TOO_LONG) {
        return new Response(List.of(), ErrorKind.ERROR_STATUS, 1, 0, "message too long: " + text);
      }
      return Response.failed(kind, String.format(Locale.ROOT, "%s: %s (snmp error %d)", s.description, text, code));
    }
  }

  private static ErrorKind classify(int snmpErrno) {
    switch (snmpErrno) {
      case SNMPERR_TIMEOUT:
        return ErrorKind.TIMEOUT;
      case -33: // unknown user name
      case -34: // unsupported security level
      case -35: // authentication failure
      case -37: // decryption error
      case -43: // USM unknown security name
      case -44: // USM unsupported security level
      case -46: // USM authentication failure
      case -50: // USM decryption error
        return ErrorKind.AUTHENTICATION;
      default:
        return ErrorKind.OTHER;
    }
  }

  private Pointer addValue(Pointer pdu, VarBindData vb) {
    long[] name = vb.oid();
    byte type = (byte) vb.type();
    switch (vb.type()) {
      case Wire.INTEGER:
      case Wire.COUNTER:
      case Wire.GAUGE:
      case Wire.TIMETICKS: {
        Memory m = new Memory(8);
        m.setLong(0, vb.number());
        return lib.snmp_pdu_add_variable(pdu, name, name.length, type, m, 8);
      }
      case Wire.COUNTER64: {
        Memory m = new Memory(16);
        m.setLong(0, vb.number() >>> 32);
        m.setLong(8, vb.number() & 0xFFFF_FFFFL);
        return lib.snmp_pdu_add_variable(pdu, name, name.length, type, m, 16);
      }
      case Wire.OCTET_STR:
      case Wire.OPAQUE:
      case Wire.IPADDRESS: {
        byte[] b = vb.bytes();
        if (b.length == 0) {
          return lib.snmp_pdu_add_variable(pdu, name, name.length, type, null, 0);
        }
        Memory m = new Memory(b.length);
        m.write(0, b, 0, b.length);
        return lib.snmp_pdu_add_variable(pdu, name, name.length, type, m, b.length);
      }
      case Wire.OBJECT_ID: {
        Memory m = oidMemory(vb.oidValue());
        return lib.snmp_pdu_add_variable(pdu, name, name.length, type, m, 8L * vb.oidValue().length);
      }
      case Wire.NULL:
        return lib.snmp_pdu_add_variable(pdu, name, name.length, type, null, 0);
      default:
        return null;
    }
  }

  private static List<VarBindData> decode(Pointer resp) {
    List<VarBindData> out = new ArrayList<>();
    for (Pointer v = resp.getPointer(Layout.PDU_VARIABLES); v != null; v = v.getPointer(Layout.V_NEXT)) {
      long nameLen = v.getLong(Layout.V_NAME_LEN);
      Pointer namePtr = v.getPointer(Layout.V_NAME);
      if (namePtr == null || nameLen < 0 || nameLen > Layout.MAX_OID_LEN) {
        throw new IllegalStateException("response binding with an invalid name length " + nameLen);
      }
      long[] name = namePtr.getLongArray(0, (int) nameLen);
      int type = v.getByte(Layout.V_TYPE) & 0xFF;
      Pointer val = v.getPointer(Layout.V_VAL);
      long valLen = v.getLong(Layout.V_VAL_LEN);
      if (valLen < 0 || valLen > 1 << 24) {
        throw new IllegalStateException("response binding with an invalid value length " + valLen);
      }
      long number = 0;
      byte[] bytes = null;
      long[] oidValue = null;
      switch (type) {
        case Wire.INTEGER:
          number = val == null ? 0 : (int) val.getLong(0);
          break;
        case Wire.COUNTER:
        case Wire.GAUGE:
        case Wire.TIMETICKS:
          number = val == null ? 0 : val.getLong(0) & 0xFFFF_FFFFL;
          break;
        case Wire.COUNTER64:
          number = val == null ? 0 : (val.getLong(0) << 32) | (val.getLong(8) & 0xFFFF_FFFFL);
          break;
        case Wire.OBJECT_ID:
          oidValue = val == null ? new long[0] : val.getLongArray(0, (int) Math.min(valLen / 8, Layout.MAX_OID_LEN));
          break;
        case Wire.NULL:
        case Wire.NO_SUCH_OBJECT:
        case Wire.NO_SUCH_INSTANCE:
        case Wire.END_OF_MIB_VIEW:
          break;
        default: // strings, opaque, IP address, and anything else as raw bytes
          bytes = val == null || valLen == 0 ? new byte[0] : val.getByteArray(0, (int) valLen);
          break;
      }
      out.add(new VarBindData(name, type, number, bytes, oidValue));
    }
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static Memory cString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    Memory m = new Memory(b.length + 1L);
    m.write(0, b, 0, b.length);
    m.setByte(b.length, (byte) 0);
    return m;
  }

  private static Memory oidMemory(long[] arcs) {
    Memory m = new Memory(8L * Math.max(1, arcs.length));
    m.write(0, arcs, 0, arcs.length);
    return m;
  }

  static long[] arcs(String dotted) {
    String[] p = dotted.split("\\.");
    long[] a = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      a[i] = Long.parseLong(p[i]);
    }
    return a;
  }

  static String dotted(long[] arcs) {
    StringBuilder b = new StringBuilder();
    for (long a : arcs) {
      if (b.length() > 0) {
        b.append('.');
      }
      b.append(a);
    }
    return b.toString();
  }
}
