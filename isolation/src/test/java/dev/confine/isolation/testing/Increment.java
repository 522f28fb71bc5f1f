package dev.confine.isolation.testing;

import dev.confine.core.Call;
import dev.confine.core.CallContext;

/** Increments the racy counter once. */
public record Increment() implements Call<CounterState, Increment.Result> {
  @Override
  public Result apply(CounterState state, CallContext context) {
    return state.increment(context.owner());
  }

  /**
   * @param pid the process the call ran in
   * @param owner the owner it ran on
   * @param value the counter after the increment
   * @param overlapped whether another call was inside the increment at the same time
   */
  public record Result(long pid, int owner, long value, boolean overlapped) {}
}
