package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallRejectedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Deadline;
import dev.confine.core.NamedMutex;
import dev.confine.core.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls run on the caller's thread while it holds the backend's process-wide mutex. The "queue"
 * is the set of callers waiting for the mutex, bounded by a semaphore.
 */
final class SerializedIsolated<S> extends AbstractIsolated<S> {
  private static final Logger log = LoggerFactory.getLogger(SerializedIsolated.class);

  private final SerializedStrategy strategy;
  private final NamedMutex mutex;
  /**
   * Callers that found the mutex taken and wait for it (or then hold it) through this front; a
   * caller that takes a free mutex at once needs no slot.
   */
  private final Semaphore slots;
  private final AtomicInteger waiting = new AtomicInteger();
  // guarded by mutex
  private final S state;
  // guarded by mutex
  private final OwnerHandleTable handles;
  private final ThreadPoolExecutor async;

  private SerializedIsolated(
      SerializedStrategy strategy, Backend<S> backend, IsolatedOptions options, NamedMutex mutex, S state) {
    super(backend, options);
    this.strategy = strategy;
    this.mutex = mutex;
    this.state = state;
    this.slots = new Semaphore(options.queueCapacity());
    this.handles = new OwnerHandleTable(0, routing);
    // Async callers need a thread to wait on the mutex for them; bounded like the queue.
    int asyncThreads = Math.min(options.queueCapacity(), 16);
    this.async =
        new ThreadPoolExecutor(
            asyncThreads,
            asyncThreads,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(options.queueCapacity()),
            ThreadConfinedIsolated.daemonThreads("confine-" + options.name() + "-async-"));
    this.async.allowCoreThreadTimeOut(true);
  }

  static <S> SerializedIsolated<S> open(
      SerializedStrategy strategy, Backend<S> backend, IsolatedOptions options) {
    NamedMutex mutex = NamedMutex.of("confine.serialized/" + backend.id());
    S state;
    try (NamedMutex.Held held = mutex.lock(Deadline.after(options.defaultTimeout(), options.ticker()))) {
      state = backend.open(options.config());
    } catch (ConfineException e) {
      throw e;
    } catch (Exception e) {
      throw new BackendException(e);
    }
    return new SerializedIsolated<>(strategy, backend, options, mutex, state);
  }

  /**
   * The uncontended hot path reads the clock twice: when the mutex is taken (the deadline starts
   * there, and the call's time is the hold's time) and when it is released. A clock read costs
   * ~30 ns on a VM, as much as the bare lock, so each one counts against a lock-sized budget.
   */
  @Override
  <R> R execute(Call<S, R> call, Duration timeout) {
    if (options.ticker() != Ticker.system() || mutex.isHeldByCurrentThread()) {
      return execute(call, Deadline.after(timeout, options.ticker()));
    }
    Optional<NamedMutex.Held> free = mutex.tryLock();
    if (free.isEmpty()) {
      return waitAndRun(call, Deadline.after(timeout, options.ticker()));
    }
    NamedMutex.Held held = free.get();
    return runHeld(call, held, Deadline.after(timeout, options.ticker(), held.acquiredAtNanos()));
  }

  @Override
  <R> R execute(Call<S, R> call, Deadline deadline) {
    if (mutex.isHeldByCurrentThread()) {
      // a call made from inside a call: run inline, the lock is already ours
      return runInline(call, deadline, state, handles, 0);
    }
    Optional<NamedMutex.Held> free = mutex.tryLock();
    if (free.isPresent()) {
      // the common uncontended case: nobody waits, so no queue slot to take
      return runHeld(call, free.get(), deadline);
    }
    return waitAndRun(call, deadline);
  }

  /** The mutex was taken: waits for it within a queue slot, then runs the call. */
  private <R> R waitAndRun(Call<S, R> call, Deadline deadline) {
    acquireSlot(deadline);
    try {
      waiting.incrementAndGet();
      NamedMutex.Held held;
      try {
        held = mutex.lock(deadline);
      } catch (CallTimeoutException e) {
        throw new CallTimeoutException(
            String.format(
                Locale.ROOT,
                "call %s on '%s' (serialized) waited past its deadline for the lock; it did not"
                    + " run. %s",
                call.getClass().getSimpleName(),
                options.name(),
                e.getMessage()),
            e);
      } catch (CallInterruptedException e) {
        throw e;
      } finally {
        waiting.decrementAndGet();
      }
      return runHeld(call, held, deadline);
    } finally {
      slots.release();
    }
  }

  /**
   * Runs the call under {@code held}, a fresh (outermost) hold of the mutex, and releases it; the
   * call's time is the hold's, from the mutex's own clock readings.
   */
  private <R> R runHeld(Call<S, R> call, NamedMutex.Held held, Deadline deadline) {
    long start = held.acquiredAtNanos();
    try {
      if (closed.get()) {
        throw closedError();
      }
      return applyInline(call, deadline, state, handles, 0);
    } finally {
      callNanos.add(held.releaseTimed() - start);
    }
  }

  private void acquireSlot(Deadline deadline) {
    if (slots.tryAcquire()) {
      return;
    }
    if (options.whenQueueFull() == QueueFullPolicy.REJECT) {
      throw new CallRejectedException(
          String.format(
              Locale.ROOT,
              "'%s' (serialized) already has %d callers waiting or running (queueCapacity); the"
                  + " call was rejected without running. Raise queueCapacity or slow down.",
              options.name(),
              options.queueCapacity()));
    }
    try {
      if (!slots.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
        throw new CallTimeoutException(
            String.format(
                Locale.ROOT,
                "'%s' (serialized): the queue stayed full (%d callers) until the deadline; the call"
                    + " did not run",
                options.name(),
                options.queueCapacity()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallInterruptedException(
          "interrupted while waiting for room in the queue of '" + options.name() + "'", e);
    }
  }

  @Override
  <R> CompletableFuture<R> executeAsync(Call<S, R> call, Deadline deadline) {
    // The task carries the future and its deadline guard; a pool thread waits for the lock on the
    // caller's behalf. If the guard fires first the task is abandoned and the pool skips it.
    CallTask<S, R> task = new CallTask<>(call, deadline);
    CompletableFuture<R> future = publicFuture(task);
    try {
      async.execute(
          () -> {
            if (!task.tryStart()) {
              return;
            }
            try {
              task.succeed(execute(call, deadline));
            } catch (ConfineException e) {
              task.fail(e);
            }
          });
    } catch (RejectedExecutionException e) {
      task.abandon(
          closed.get()
              ? closedError()
              : new CallRejectedException(
                  "'" + options.name() + "' (serialized): too many asynchronous calls waiting", e));
    }
    return future;
  }

  @Override
  public Isolation strategy() {
    return strategy;
  }

  @Override
  int owners() {
    return 1;
  }

  @Override
  int queued() {
    return waiting.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    async.shutdown();
    // Running calls end first: the state is closed under the same lock they hold.
    try (NamedMutex.Held held = mutex.lock(Deadline.after(options.closeTimeout(), options.ticker()))) {
      handles.closeAll();
      try {
        backend.close(state);
      } catch (Exception e) {
        log.warn("'{}': closing backend {} failed", options.name(), backend.id(), e);
      }
    } catch (CallTimeoutException e) {
      log.error(
          "'{}': a call still held the lock after the close timeout {}; the backend state was left"
              + " open",
          options.name(),
          options.closeTimeout());
    }
    try {
      if (!async.awaitTermination(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        async.shutdownNow();
      }
    } catch (InterruptedException e) {
      async.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
