package dev.confine.isolation.testing;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;

/**
 * A PROCESS-scoped test backend: its counter is a static field, so every instance in one JVM
 * shares it, like a native library's globals. Only a child process has its own copy.
 */
public final class RacyCounterBackend implements Backend<CounterState> {
  public static final String ID = "confine-test-racy";

  // deliberately plain: the race is the point
  private static long counter;

  private static final CounterState SHARED =
      new CounterState() {
        @Override
        long read() {
          return counter;
        }

        @Override
        void write(long v) {
          counter = v;
        }
      };

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.PROCESS;
  }

  @Override
  public CounterState open(BackendConfig config) {
    if (config.get("fail-open").isPresent()) {
      throw new IllegalStateException("open failed on request: " + config.get("fail-open", ""));
    }
    return SHARED;
  }

  @Override
  public void close(CounterState state) {}

  @Override
  public TypeRegistry types() {
    return TestCalls.REGISTRY;
  }

  @Override
  public boolean handlesReopenable() {
    return true;
  }
}
