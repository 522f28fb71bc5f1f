package dev.confine.isolation.testing;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;

/**
 * A registered provider that cannot be instantiated in a JVM started with {@value #BREAK_PROPERTY}
 * (as another library's backend on the class path might fail): a worker of another backend must
 * not need it.
 */
public final class BrokenProviderBackend implements Backend<Object> {
  public static final String BREAK_PROPERTY = "confine.test.brokenProvider";

  public BrokenProviderBackend() {
    if (Boolean.getBoolean(BREAK_PROPERTY)) {
      throw new IllegalStateException("this provider is broken in this JVM (" + BREAK_PROPERTY + ")");
    }
  }

  @Override
  public String id() {
    return "confine-test-broken-provider";
  }

  @Override
  public StateScope scope() {
    return StateScope.INSTANCE;
  }

  @Override
  public Object open(BackendConfig config) {
    return new Object();
  }

  @Override
  public void close(Object state) {}
}
