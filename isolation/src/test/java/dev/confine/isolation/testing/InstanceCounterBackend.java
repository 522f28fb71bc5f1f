package dev.confine.isolation.testing;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;

/** An INSTANCE-scoped test backend: each opened instance has its own racy counter. */
public final class InstanceCounterBackend implements Backend<CounterState> {
  public static final String ID = "confine-test-instance";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.INSTANCE;
  }

  @Override
  public CounterState open(BackendConfig config) {
    return new CounterState() {
      private long counter;

      @Override
      long read() {
        return counter;
      }

      @Override
      void write(long v) {
        counter = v;
      }
    };
  }

  @Override
  public void close(CounterState state) {}

  @Override
  public TypeRegistry types() {
    return TestCalls.REGISTRY;
  }
}
