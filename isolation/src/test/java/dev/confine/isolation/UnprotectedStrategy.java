package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.Deadline;
import java.util.concurrent.CompletableFuture;

/**
 * No isolation at all: every call runs on the caller's thread with no lock. Exists only to show
 * that the contract's race-detecting workloads really fail without a strategy.
 */
final class UnprotectedStrategy extends Isolation {
  @Override
  public String name() {
    return "unprotected";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, true, false, false);
  }

  @Override
  <S> Isolated<S> open(Backend<S> backend, IsolatedOptions options) {
    S state;
    try {
      state = backend.open(options.config());
    } catch (Exception e) {
      throw new BackendException(e);
    }
    UnprotectedStrategy self = this;
    return new AbstractIsolated<S>(backend, options) {
      final OwnerHandleTable handles = new OwnerHandleTable(0, routing);

      @Override
      <R> R execute(Call<S, R> call, Deadline deadline) {
        CallTask<S, R> task = new CallTask<>(call, deadline);
        task.tryStart();
        runOnOwner(task, state, handles, 0);
        return outcome(task.future);
      }

      @Override
      <R> CompletableFuture<R> executeAsync(Call<S, R> call, Deadline deadline) {
        return CompletableFuture.completedFuture(execute(call, deadline));
      }

      @Override
      public Isolation strategy() {
        return self;
      }

      @Override
      int owners() {
        return 1;
      }

      @Override
      int queued() {
        return 0;
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
  }
}
