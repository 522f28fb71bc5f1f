package dev.confine.isolation;

import dev.confine.core.Call;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Deadline;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One submitted call on its way through a queue to an owner. Its life: QUEUED, then RUNNING
 * (claimed by the owner) or ABANDONED (the caller gave up first, so it never runs), then DONE.
 *
 * <p>Each task carries its own future, so a result that arrives after its caller gave up is
 * dropped with the task: it cannot be delivered to anyone else.
 */
final class CallTask<S, R> {
  static final int QUEUED = 0;
  static final int RUNNING = 1;
  static final int DONE = 2;
  static final int ABANDONED = 3;

  final Call<S, R> call;
  final Deadline deadline;
  final CompletableFuture<R> future = new CompletableFuture<>();
  final long submittedNanos = System.nanoTime();
  private final AtomicInteger state = new AtomicInteger(QUEUED);

  CallTask(Call<S, R> call, Deadline deadline) {
    this.call = call;
    this.deadline = deadline;
  }

  /** Claims the task for running; false if the caller already gave up on it. */
  boolean tryStart() {
    return state.compareAndSet(QUEUED, RUNNING);
  }

  int state() {
    return state.get();
  }

  void succeed(R result) {
    state.set(DONE);
    future.complete(result);
  }

  void fail(ConfineException error) {
    state.set(DONE);
    future.completeExceptionally(error);
  }

  /**
   * The caller gives up with {@code error}. Returns true if the task had not started (and now
   * never will); false if it is running or done, in which case its late outcome is discarded.
   */
  boolean abandon(ConfineException error) {
    boolean neverRuns = state.compareAndSet(QUEUED, ABANDONED);
    future.completeExceptionally(error);
    return neverRuns;
  }

  /** Fails a task whose deadline passed before an owner could start it. */
  boolean expireIfQueued(String what) {
    if (state.compareAndSet(QUEUED, ABANDONED)) {
      future.completeExceptionally(new CallTimeoutException(what));
      return true;
    }
    return false;
  }
}
