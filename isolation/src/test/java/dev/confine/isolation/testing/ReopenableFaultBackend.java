package dev.confine.isolation.testing;

/**
 * {@link FaultBackend} whose handles are reopenable: when the worker holding one dies, the
 * strategy replays the call that opened it on a healthy worker.
 */
public final class ReopenableFaultBackend extends FaultBackend {
  public static final String ID = "confine-test-faults-reopenable";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean handlesReopenable() {
    return true;
  }
}
