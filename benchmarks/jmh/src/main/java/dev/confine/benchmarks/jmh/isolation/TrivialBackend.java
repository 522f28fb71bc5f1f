package dev.confine.benchmarks.jmh.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;

/** A backend whose one call does almost nothing, to measure what a strategy adds to a call. */
public final class TrivialBackend implements Backend<TrivialBackend.State> {
  public static final String ID = "confine-bench-trivial";

  /** Plain state; the strategies keep it from being touched concurrently. */
  public static final class State {
    long calls;
  }

  /** Counts the call and returns a small boxed value (cached, so it allocates nothing itself). */
  public record Trivial() implements Call<State, Long> {
    @Override
    public Long apply(State state, CallContext context) {
      state.calls++;
      return 1L;
    }
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.PROCESS;
  }

  @Override
  public State open(BackendConfig config) {
    return new State();
  }

  @Override
  public void close(State state) {}

  @Override
  public TypeRegistry types() {
    return TypeRegistry.newBuilder().register(Trivial.class).build();
  }
}
