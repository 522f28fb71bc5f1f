package dev.confine.snmp.internal;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;

/** The Net-SNMP backend (skeleton). Public only for ServiceLoader; its package is not exported. */
public final class NetSnmpBackend implements Backend<Object> {
  /** The backend id child-process workers find it by. */
  public static final String ID = "net-snmp";

  /** For ServiceLoader. */
  public NetSnmpBackend() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.PROCESS;
  }

  @Override
  public Object open(BackendConfig config) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close(Object state) {}
}
