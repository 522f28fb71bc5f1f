package dev.confine.snmp.internal;

import com.sun.jna.Pointer;

/**
 * One open native session (the opaque {@code void*} of the single-session API). Not thread-safe by
 * itself: every use goes through {@link NetSnmpEngine}, which takes the session's lock.
 */
final class NativeSession implements AutoCloseable {
  final long id;
  final boolean v3;
  /** "engineIdHex/securityName" for v3 sessions: the key of the USM user this session needs installed. */
  final String usmKey;
  final String description;
  private final NetSnmpEngine engine;

  // guarded by Locking.SESSIONS lock of id
  Pointer sessp;

  NativeSession(NetSnmpEngine engine, long id, Pointer sessp, boolean v3, String usmKey, String description) {
    this.engine = engine;
    this.id = id;
    this.sessp = sessp;
    this.v3 = v3;
    this.usmKey = usmKey;
    this.description = description;
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
