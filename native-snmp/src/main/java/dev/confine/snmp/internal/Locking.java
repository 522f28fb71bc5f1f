package dev.confine.snmp.internal;

import dev.confine.core.Deadline;
import dev.confine.core.KeyedLocks;
import dev.confine.core.NamedMutex;

/**
 * Which native operation takes which lock, and why: the one table of the module. Locks are always
 * taken in the order session lock, then SNMPv3 admission ({@link UsmAdmission}), then global mutex,
 * never the other way, and nothing waits while holding the global mutex, so they cannot deadlock.
 *
 * <table>
 *   <caption>locks per operation (G = process-wide mutex, S = the session's own lock, A = SNMPv3 admission of the
 *   user name: shared by sessions with the same keys, alone otherwise)</caption>
 *   <tr><th>operation</th><th>native calls</th><th>locks</th><th>why</th></tr>
 *   <tr><td>INIT</td><td>netsnmp_get_version, netsnmp_ds_set_boolean, init_snmp, set_persistent_directory</td><td>G</td>
 *       <td>default store, MIB tree, USM and transport registries are process globals</td></tr>
 *   <tr><td>LOAD_MIB</td><td>add_mibdir, which_module, netsnmp_read_module</td><td>G</td><td>writes the global MIB tree</td></tr>
 *   <tr><td>PARSE_OID</td><td>snmp_parse_oid</td><td>G</td><td>reads and writes the MIB tree (clear_tree_flags), sets snmp_errno</td></tr>
 *   <tr><td>PRINT_OID</td><td>snprint_objid</td><td>G</td><td>reads the MIB tree and global output-format flags</td></tr>
 *   <tr><td>KEY_GENERATION</td><td>generate_Ku</td><td>G</td><td>reports errors through global state</td></tr>
 *   <tr><td>SESSION_OPEN</td><td>snmp_sess_init, snmp_sess_open, usm_* (v3)</td><td>G</td>
 *       <td>reads the default store; v3 probes the engine id and writes the USM user list and engine-time cache</td></tr>
 *   <tr><td>SESSION_CLOSE</td><td>snmp_sess_close, usm_remove_user (v3)</td><td>S, then A alone (v3), then G</td>
 *       <td>S: no request of this session may still use it; A: no request of that user name may still need the keys
 *       being removed; G: the transport list and the USM user list are global</td></tr>
 *   <tr><td>REQUEST_V1_V2C</td><td>snmp_pdu_create, snmp_add_null_var, snmp_pdu_add_variable, snmp_sess_synch_response, snmp_free_pdu</td><td>S</td>
 *       <td>a session must not overlap itself (synch_response swaps its callback); different sessions are the supported
 *       parallel case. snmp_pdu_create bumps global request-id counters without a lock: a lost update can only give
 *       two different sessions the same id, which each matches on its own socket, so it is harmless</td></tr>
 *   <tr><td>REQUEST_V3, first request of a session</td><td>usm_get_user, usm_remove_user, snmp_sess_synch_response
 *       (engine-id discovery, then the request)</td><td>S, then A shared by key set, then G for the whole exchange</td>
 *       <td>discovery removes the cached users of that name with other keys and creates one from the session, and
 *       the library runs it synchronously inside its send</td></tr>
 *   <tr><td>REQUEST_V3, engine id known</td><td>usm_create_user_from_session (if another key set was installed),
 *       snmp_sess_async_send; snmp_sess_select_info2_flags and select without G; snmp_sess_read2 or
 *       snmp_sess_timeout</td><td>S, then A shared by key set; G only around send, read and timeout
 *       (GLOBAL_STEP)</td>
 *       <td>encrypting, signing, checking and decrypting read and write 5.9's global USM user list and engine-time cache,
 *       and the answer is checked with the keys cached for the user name, which A keeps unchanged from send to read;
 *       the network wait touches only the session's own request list and socket, so v3 requests of different
 *       sessions wait on the network together</td></tr>
 *   <tr><td>SESSION_ERROR</td><td>snmp_sess_error, snmp_api_errstring</td><td>S then G</td>
 *       <td>formats through snmp_api_errstring's static buffer</td></tr>
 * </table>
 */
final class Locking {
  private Locking() {}

  /**
   * Set only to demonstrate the hazard: the system property {@value #NO_LOCKS_PROPERTY}=true, read
   * once at class load, turns every lock of this table into a no-op, so the raw binding runs
   * unprotected. {@link HazardWorkload} sets it in a child JVM; never set it anywhere else.
   */
  static final String NO_LOCKS_PROPERTY = "confine.snmp.unsafe.noLocks";

  static final boolean NO_LOCKS = Boolean.getBoolean(NO_LOCKS_PROPERTY);

  /**
   * Experiment only, and only together with {@link #NO_LOCKS}: {@value #NO_USM_UPKEEP_PROPERTY}=true
   * also skips this module's USM key upkeep, so the bare library runs alone.
   */
  static final String NO_USM_UPKEEP_PROPERTY = "confine.snmp.unsafe.noUsmUpkeep";

  static final boolean NO_USM_UPKEEP = NO_LOCKS && Boolean.getBoolean(NO_USM_UPKEEP_PROPERTY);

  private static final Held NOTHING = new Held(null, null);

  /** The process-wide mutex around Net-SNMP's global state (one per loaded library = per process). */
  static final NamedMutex GLOBAL = NamedMutex.of("net-snmp-global");

  /** One lock per open native session, keyed by the session's id. */
  static final KeyedLocks<Long> SESSIONS = new KeyedLocks<>("net-snmp-session");

  /** The operations of the table above. */
  enum Op {
    INIT(false, true),
    LOAD_MIB(false, true),
    PARSE_OID(false, true),
    PRINT_OID(false, true),
    KEY_GENERATION(false, true),
    SESSION_OPEN(false, true),
    SESSION_CLOSE(true, false),
    REQUEST_V1_V2C(true, false),
    REQUEST_V3(true, false),
    /** One step of a session operation above that touches global state; the session lock is already held. */
    GLOBAL_STEP(false, true),
    SESSION_ERROR(true, true);

    final boolean session;
    final boolean global;

    Op(boolean session, boolean global) {
      this.session = session;
      this.global = global;
    }
  }

  /** The locks {@code op} needs, taken in order; close releases them in reverse. */
  static Held acquire(Op op, long sessionId, Deadline deadline) {
    if (NO_LOCKS) {
      return NOTHING;
    }
    KeyedLocks<Long>.Held s = op.session && !SESSIONS.isHeldByCurrentThread(sessionId) ? SESSIONS.lock(sessionId, deadline) : null;
    try {
      NamedMutex.Held g = op.global ? GLOBAL.lock(deadline) : null;
      return new Held(s, g);
    } catch (RuntimeException e) {
      if (s != null) {
        s.close();
      }
      throw e;
    }
  }

  /** Locks held for one operation. */
  static final class Held implements AutoCloseable {
    private final KeyedLocks<Long>.Held session;
    private final NamedMutex.Held global;

    private Held(KeyedLocks<Long>.Held session, NamedMutex.Held global) {
      this.session = session;
      this.global = global;
    }

    @Override
    public void close() {
      if (global != null) {
        global.close();
      }
      if (session != null) {
        session.close();
      }
    }
  }
}
