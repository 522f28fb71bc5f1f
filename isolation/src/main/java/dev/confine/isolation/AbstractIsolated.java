package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Deadline;
import dev.confine.core.HandleTable;
import dev.confine.core.IsolationClosedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every strategy's front shares: argument checks, counters, outcome mapping, waiting. */
abstract class AbstractIsolated<S> implements Isolated<S> {
  private static final Logger log = LoggerFactory.getLogger(AbstractIsolated.class);

  /**
   * How long a waiting caller spins before parking. A parked-thread wake-up across CPUs costs tens
   * of microseconds on small VMs; a short spin catches fast calls without that cost, and is
   * bounded so a slow call costs no CPU.
   */
  static final long CALLER_SPIN_NANOS = 20_000;

  /** Whether a JFR recording wants call events; checked per call so the event costs nothing when off. */
  private static final jdk.jfr.EventType CALL_EVENT = jdk.jfr.EventType.getEventType(CallEvent.class);

  final Backend<S> backend;
  final IsolatedOptions options;
  final HandleRouting routing;
  final AtomicBoolean closed = new AtomicBoolean();

  final LongAdder submitted = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder interrupted = new LongAdder();
  final LongAdder callNanos = new LongAdder();
  final AtomicInteger running = new AtomicInteger();

  AbstractIsolated(Backend<S> backend, IsolatedOptions options) {
    this.backend = backend;
    this.options = options;
    this.routing = new HandleRouting(options.name());
  }

  @Override
  public final <R> R call(Call<S, R> call) {
    return call(call, options.defaultTimeout());
  }

  @Override
  public final <R> R call(Call<S, R> call, Duration timeout) {
    Objects.requireNonNull(call, "call");
    IsolatedBuilder.positive(timeout, "timeout");
    if (!CALL_EVENT.isEnabled()) {
      // the common case: no JFR recording wants the event, so none is made
      try {
        ensureOpen();
        submitted.increment();
        return execute(call, timeout);
      } catch (ConfineException e) {
        countOutcome(e);
        throw e;
      }
    }
    CallEvent event = new CallEvent();
    event.begin();
    String outcome = "error";
    try {
      ensureOpen();
      submitted.increment();
      R result = execute(call, timeout);
      outcome = "ok";
      return result;
    } catch (ConfineException e) {
      outcome = e.getClass().getSimpleName();
      countOutcome(e);
      throw e;
    } finally {
      event.strategy = strategy().name();
      event.backend = backend.id();
      event.outcome = outcome;
      event.commit();
    }
  }

  @Override
  public final <R> CompletableFuture<R> submit(Call<S, R> call) {
    return submit(call, options.defaultTimeout());
  }

  @Override
  public final <R> CompletableFuture<R> submit(Call<S, R> call, Duration timeout) {
    Objects.requireNonNull(call, "call");
    Deadline deadline = Deadline.after(IsolatedBuilder.positive(timeout, "timeout"), options.ticker());
    if (closed.get()) {
      rejected.increment();
      return CompletableFuture.failedFuture(closedError());
    }
    submitted.increment();
    CompletableFuture<R> inner = executeAsync(call, deadline);
    // The caller's future completes only after the outcome is counted: a dependent registered on
    // the inner future would run after the caller's own (dependents run last-registered first), so
    // a caller woken by its timeout could read stats() that do not count it yet.
    CompletableFuture<R> outer = new CompletableFuture<>();
    inner.whenComplete(
        (r, err) -> {
          if (err == null) {
            outer.complete(r);
          } else {
            Throwable cause = err instanceof CompletionException ? err.getCause() : err;
            countOutcome(cause);
            outer.completeExceptionally(cause);
          }
        });
    outer.whenComplete(
        (r, err) -> {
          if (err instanceof CancellationException) {
            inner.cancel(false); // the strategy's future abandons the call
          }
        });
    return outer;
  }

  /**
   * Counts how a call ended for its caller, once per call, where the caller learns it: the
   * strategies' inner paths never count these, so no outcome is counted twice.
   */
  private void countOutcome(Throwable error) {
    if (error instanceof CallTimeoutException) {
      timedOut.increment();
    } else if (error instanceof CallInterruptedException) {
      interrupted.increment();
    } else if (error instanceof dev.confine.core.CallRejectedException || error instanceof IsolationClosedException) {
      rejected.increment();
    }
  }

  /**
   * Runs the call within {@code timeout} from now. A strategy whose hot path reads the clock anyway
   * overrides this to start the deadline from that reading instead of a separate one.
   */
  <R> R execute(Call<S, R> call, Duration timeout) {
    return execute(call, Deadline.after(timeout, options.ticker()));
  }

  /** Runs the call and waits for its outcome; counters for the outcome are updated here. */
  abstract <R> R execute(Call<S, R> call, Deadline deadline);

  /** Starts the call; the future completes with its outcome by its deadline. */
  abstract <R> CompletableFuture<R> executeAsync(Call<S, R> call, Deadline deadline);

  @Override
  public String backendId() {
    return backend.id();
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  void ensureOpen() {
    if (closed.get()) {
      throw closedError();
    }
  }

  IsolationClosedException closedError() {
    return new IsolationClosedException(
        String.format(
            Locale.ROOT,
            "'%s' (%s) is closed; the call did not run. Open a new one.",
            options.name(),
            strategy().name()));
  }

  /**
   * Applies {@code call} on the current thread (which holds the strategy's lock) and returns its
   * result: the same outcomes and counters as {@link #runOnOwner}, without a task or future.
   */
  <R> R runInline(Call<S, R> call, Deadline deadline, S state, HandleTable handles, int owner) {
    long start = System.nanoTime();
    try {
      return applyInline(call, deadline, state, handles, owner);
    } finally {
      callNanos.add(System.nanoTime() - start);
    }
  }

  /** {@link #runInline} without timing the call: for callers that time it with clock reads they make anyway. */
  <R> R applyInline(Call<S, R> call, Deadline deadline, S state, HandleTable handles, int owner) {
    running.incrementAndGet();
    try {
      R result = call.apply(state, new Context(deadline, handles, owner));
      succeeded.increment();
      return result;
    } catch (ConfineException e) {
      failed.increment();
      throw e;
    } catch (Throwable t) {
      failed.increment();
      if (t instanceof VirtualMachineError) {
        log.error("'{}': a call threw {}; the owner carries on", options.name(), t.toString());
      }
      throw new BackendException(t);
    } finally {
      running.decrementAndGet();
    }
  }

  /**
   * Applies {@code task}'s call on the current thread (which the strategy has made the only one
   * touching {@code state}) and completes the task. Never throws: every outcome reaches the task.
   */
  <R> void runOnOwner(CallTask<S, R> task, S state, HandleTable handles, int owner) {
    running.incrementAndGet();
    long start = System.nanoTime();
    R result = null;
    ConfineException error = null;
    try {
      result = task.call.apply(state, new Context(task.deadline, handles, owner));
      succeeded.increment();
    } catch (ConfineException e) {
      failed.increment();
      error = e;
    } catch (Throwable t) {
      failed.increment();
      if (t instanceof VirtualMachineError) {
        log.error("'{}': a call threw {}; the owner carries on", options.name(), t.toString());
      }
      error = new BackendException(t);
    } finally {
      callNanos.add(System.nanoTime() - start);
      running.decrementAndGet();
    }
    // only now: a caller that sees its outcome and then reads stats() must find this call in them
    if (error == null) {
      task.succeed(result);
    } else {
      task.fail(error);
    }
  }

  /** {@link #await(CallTask, boolean, long)} with no yielding phase. */
  <R> R await(CallTask<S, R> task, boolean spin) {
    return await(task, spin, 0);
  }

  /**
   * Waits for {@code task} until its deadline: a short spin if {@code spin} (worth it only when
   * the call is likely to end within the spin, i.e. nothing was queued ahead of it; otherwise
   * spinning callers would take CPU from the owner), then, up to {@code yieldNanos} from the
   * start, a loop of {@link Thread#yield()} (which hands the CPU to any runnable thread, such as
   * the one that will complete the task, yet wakes without a park/unpark round), then parks. On
   * timeout or interrupt the task is abandoned (never started, or its late result discarded) and
   * the caller gets the matching error.
   */
  <R> R await(CallTask<S, R> task, boolean spin, long yieldNanos) {
    CompletableFuture<R> future = task.future;
    if (spin) {
      long now = System.nanoTime();
      long spinUntil = now + CALLER_SPIN_NANOS;
      long yieldUntil = now + Math.max(CALLER_SPIN_NANOS, yieldNanos);
      while (!future.isDone() && (now = System.nanoTime()) < yieldUntil) {
        if (now < spinUntil) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }
    try {
      if (future.isDone()) {
        return outcome(future);
      }
      long remaining = task.deadline.remainingNanos();
      R r = remaining == Long.MAX_VALUE ? future.get() : future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      return r;
    } catch (TimeoutException e) {
      CallTimeoutException timeout = timeoutError(task);
      task.abandon(timeout);
      return outcome(future);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      task.abandon(
          new CallInterruptedException(
              String.format(
                  Locale.ROOT,
                  "interrupted while waiting for a call on '%s'; %s",
                  options.name(),
                  task.state() == CallTask.RUNNING
                      ? "it had started and its result will be discarded"
                      : "it had not started and will not run")));
      return outcome(future);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  CallTimeoutException timeoutError(CallTask<S, ?> task) {
    boolean started = task.state() == CallTask.RUNNING || task.state() == CallTask.DONE;
    return new CallTimeoutException(
        String.format(
            Locale.ROOT,
            "call %s on '%s' (%s) did not end within %.1f ms; %s",
            task.call.getClass().getSimpleName(),
            options.name(),
            strategy().name(),
            (System.nanoTime() - task.submittedNanos) / 1e6,
            started
                ? "it had started and may still run to its end; its result will be discarded"
                : "it was still queued and will not run"));
  }

  /** The outcome of a completed future, with its error rethrown as thrown by the call. */
  static <R> R outcome(CompletableFuture<R> future) {
    try {
      return future.getNow(null);
    } catch (java.util.concurrent.CompletionException e) {
      throw unwrap(e);
    } catch (CancellationException e) {
      throw new CallInterruptedException("the call was cancelled", e);
    }
  }

  static ConfineException unwrap(Exception e) {
    Throwable cause = e.getCause();
    if (cause instanceof ConfineException ce) {
      return ce;
    }
    return new BackendException(cause == null ? e : cause);
  }

  /** Links a public future to a task: cancelling the public one abandons the task. */
  <R> CompletableFuture<R> publicFuture(CallTask<S, R> task) {
    CompletableFuture<R> pub = new CompletableFuture<>();
    task.future.whenComplete(
        (r, err) -> {
          if (err == null) {
            pub.complete(r);
          } else {
            pub.completeExceptionally(err instanceof java.util.concurrent.CompletionException ? err.getCause() : err);
          }
        });
    pub.whenComplete(
        (r, err) -> {
          if (err instanceof CancellationException) {
            task.abandon(new CallInterruptedException("the caller cancelled the future", err));
          }
        });
    if (!task.deadline.isNone()) {
      // orTimeout cancels its timer when the guard completes, so a call that ends early leaves
      // nothing in the JDK's delay queue (a plain delayed task would stay until the deadline)
      CompletableFuture<Void> guard = new CompletableFuture<>();
      guard
          .orTimeout(Math.max(0, task.deadline.remainingNanos()), TimeUnit.NANOSECONDS)
          .whenComplete(
              (v, err) -> {
                if (err != null && !task.future.isDone()) {
                  task.abandon(timeoutError(task));
                }
              });
      task.future.whenComplete((r, err) -> guard.complete(null));
    }
    return pub;
  }

  /** Counts the outcome of a call whose future the caller saw fail with {@code e}. */
  @Override
  public IsolationStats stats() {
    return new IsolationStats(
        strategy().name(),
        backend.id(),
        owners(),
        submitted.sum(),
        succeeded.sum(),
        failed.sum(),
        timedOut.sum(),
        rejected.sum(),
        interrupted.sum(),
        queued(),
        running.get(),
        routing.size(),
        restarts(),
        Duration.ofNanos(callNanos.sum()));
  }

  abstract int owners();

  abstract int queued();

  long restarts() {
    return 0;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "Isolated[%s, %s%s]", options.name(), strategy().name(), closed.get() ? ", closed" : "");
  }

  private record Context(Deadline deadline, HandleTable handles, int owner) implements CallContext {}
}
