package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.Call;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A backend opened behind an {@link Isolation} strategy: the one front every strategy shares.
 *
 * <pre>{@code
 * try (Isolated<MyState> isolated = Isolated.newBuilder(new MyBackend())
 *         .strategy(Isolation.threadConfined(1))
 *         .defaultTimeout(Duration.ofSeconds(5))
 *         .open()) {
 *   int n = isolated.call(new Increment());
 * }
 * }</pre>
 *
 * <p><b>Concurrency:</b> thread-safe; call it from any number of platform or virtual threads. The
 * strategy guarantees that
 *
 * <ol>
 *   <li>a call never runs concurrently with another call on state it shares;
 *   <li>a call naming a handle runs on the owner that opened the handle;
 *   <li>every call ends: with its result; with {@link dev.confine.core.BackendException} carrying
 *       the backend's exception; or with an isolation error ({@link
 *       dev.confine.core.CallTimeoutException}, {@link dev.confine.core.CallInterruptedException},
 *       {@link dev.confine.core.CallRejectedException}, {@link
 *       dev.confine.core.IsolationClosedException}, {@link dev.confine.core.HandleLostException},
 *       {@link dev.confine.core.WorkerCrashedException});
 *   <li>the caller's deadline and interrupt are honoured; a result that arrives after its caller
 *       gave up is discarded, never delivered to anyone else;
 *   <li>{@link #close()} fails the calls that have not started, lets running calls end, stops
 *       every thread and process the strategy started, and is idempotent;
 *   <li>queues are bounded; when full, a call waits until its deadline or is rejected, as set by
 *       {@link Builder#whenQueueFull}.
 * </ol>
 *
 * <p>Everything the caller did before submitting a call happens-before the call runs, and the
 * call's effects happen-before the caller sees its result.
 *
 * @param <S> the backend's state type
 */
public interface Isolated<S> extends AutoCloseable {

  /** Starts building an isolated instance of {@code backend}; the default strategy is {@link Isolation#serialized()}. */
  static <S> Builder<S> newBuilder(Backend<S> backend) {
    return new IsolatedBuilder<>(backend);
  }

  /** Runs {@code call} and waits for its result, at most the default timeout. */
  <R> R call(Call<S, R> call);

  /** Runs {@code call} and waits for its result, at most {@code timeout}. */
  <R> R call(Call<S, R> call, Duration timeout);

  /**
   * Submits {@code call} and returns at once; the future completes with the result or with one of
   * the errors listed above, at the latest when the default timeout passes.
   */
  <R> CompletableFuture<R> submit(Call<S, R> call);

  /** As {@link #submit(Call)}, with its own timeout. Cancelling the future abandons the call. */
  <R> CompletableFuture<R> submit(Call<S, R> call, Duration timeout);

  /** A snapshot of the counters. */
  IsolationStats stats();

  /** The id of the backend behind this front. */
  String backendId();

  /** The strategy this backend runs under. */
  Isolation strategy();

  /** Whether {@link #close()} has been called. */
  boolean isClosed();

  /**
   * Closes: calls not yet started fail with {@link dev.confine.core.IsolationClosedException},
   * running calls end, handles and the backend's state are closed, threads and processes stop.
   * Idempotent; returns when everything has stopped or the close timeout has passed.
   */
  @Override
  void close();

  /**
   * Builds an {@link Isolated}. Not thread-safe; build on one thread, then share the result.
   *
   * @param <S> the backend's state type
   */
  interface Builder<S> {
    /** The strategy; default {@link Isolation#serialized()}. */
    Builder<S> strategy(Isolation strategy);

    /** The configuration the backend is opened with; default empty. */
    Builder<S> config(BackendConfig config);

    /** Timeout of calls made without one; default 30 s. */
    Builder<S> defaultTimeout(Duration timeout);

    /** Calls that may wait at once per owner (or for the lock); default 1024. */
    Builder<S> queueCapacity(int capacity);

    /** What a call does when the queue is full; default {@link QueueFullPolicy#WAIT}. */
    Builder<S> whenQueueFull(QueueFullPolicy policy);

    /** How long {@link Isolated#close()} lets running calls end before stopping them; default 10 s. */
    Builder<S> closeTimeout(Duration timeout);

    /** A name for threads, logs and stats; default the backend's id. */
    Builder<S> name(String name);

    /**
     * Opens the backend under the strategy (for thread-confined: once per owner thread, on that
     * thread) and returns when it is ready.
     *
     * @throws IllegalArgumentException if the strategy cannot serve this backend (e.g. several
     *     owners for a {@code PROCESS}-scoped backend)
     * @throws dev.confine.core.BackendException if the backend failed to open
     */
    Isolated<S> open();
  }
}
