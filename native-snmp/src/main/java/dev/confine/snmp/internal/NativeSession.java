package dev.confine.snmp.internal;

import com.sun.jna.Pointer;

/**
 * One open native session (the opaque {@code void*} of the single-session API). Not thread-safe by
 * itself: every use goes through {@link NetSnmpEngine}, which takes the session's lock.
 */
final class NativeSession implements AutoCloseable {
  final long id;
  final boolean v3;
  /** The SNMPv3 user name, or null. */
  final String securityName;

  /**
   * SNMPv3: a digest of the security level, protocols and keys, equal for sessions whose keys are
   * interchangeable in Net-SNMP's USM user cache; null for v1/v2c.
   */
  final String keyId;

  // written with the session lock and Locking.GLOBAL held, read with either: "engineIdHex/securityName"
  // once the agent's engine id is discovered (first v3 request)
  String usmKey;

  // as usmKey: the discovered engine id
  byte[] engineId;
  final String description;
  /** The timeout error's message (what was waited for, what to check). */
  final String noResponse;
  private final NetSnmpEngine engine;

  // guarded by Locking.SESSIONS lock of id
  Pointer sessp;

  NativeSession(NetSnmpEngine engine, long id, Pointer sessp, String securityName, String keyId, String description, String noResponse) {
    this.engine = engine;
    this.id = id;
    this.sessp = sessp;
    this.v3 = securityName != null;
    this.securityName = securityName;
    this.keyId = keyId;
    this.description = description;
    this.noResponse = noResponse;
  }

  /** Closes the native session (idempotent); called by the handle table or the client. */
  @Override
  public void close() {
    engine.closeSession(this);
  }

  @Override
  public String toString() {
    return "session#" + id + "[" + description + "]";
  }
}
