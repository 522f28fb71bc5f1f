package dev.confine.isolation;

import dev.confine.core.Backend;
import java.util.Locale;

/**
 * How an isolated backend keeps its calls from running concurrently on state they share. Three
 * strategies, each a named factory:
 *
 * <table>
 *   <caption>strategies</caption>
 *   <tr><th>factory</th><th>where calls run</th><th>parallelism</th><th>survives a native crash</th></tr>
 *   <tr><td>{@link #serialized()}</td><td>the caller's thread, under one process-wide lock per
 *       backend id</td><td>none</td><td>no</td></tr>
 *   <tr><td>{@link #threadConfined(int)}</td><td>N dedicated owner threads, each owning one
 *       opened state; callers hand calls over and wait</td><td>one per owner (exactly one owner
 *       for a {@code PROCESS}-scoped backend)</td><td>no</td></tr>
 *   <tr><td>child processes</td><td>a pool of child JVMs, each with its own copy of the
 *       state</td><td>one per worker</td><td>yes</td></tr>
 * </table>
 *
 * <p>An {@code Isolation} is an immutable description; {@link Isolated#newBuilder(Backend)} opens
 * a backend under it. Safe to share between threads and to reuse for many backends.
 */
public abstract class Isolation {

  Isolation() {}

  /**
   * Every call runs on the caller's own thread under one process-wide, re-entrant lock per backend
   * id (shared by every isolated instance of that backend in the JVM). Simplest, no hand-off cost;
   * no parallelism; a call that has started runs to its end even past its deadline.
   */
  public static Isolation serialized() {
    return SerializedStrategy.INSTANCE;
  }

  /**
   * Calls run on {@code owners} dedicated threads that the strategy owns for its whole life, each
   * holding one opened instance of the state; a handle stays on the owner that opened it. A
   * backend whose state is {@code PROCESS}-scoped can have only one owner.
   *
   * @throws IllegalArgumentException if {@code owners} is not positive
   */
  public static Isolation threadConfined(int owners) {
    if (owners < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "owners must be at least 1: %d", owners));
    }
    return new ThreadConfinedStrategy(owners);
  }

  /**
   * Calls run in {@code workers} child JVMs, each holding its own copy of the backend's state
   * (found by id through {@link java.util.ServiceLoader} on the parent's class path), so a
   * thread-unsafe or crash-prone native library is safe at any concurrency: a crash kills one
   * worker, fails the call(s) it was running with {@link dev.confine.core.WorkerCrashedException},
   * and the worker is replaced. Calls and results must be registered in the backend's {@link
   * dev.confine.core.TypeRegistry}.
   *
   * @throws IllegalArgumentException if {@code workers} is not positive
   */
  public static Isolation childProcesses(int workers, ChildProcessOptions options) {
    if (workers < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "workers must be at least 1: %d", workers));
    }
    return new ChildProcessStrategy(workers, java.util.Objects.requireNonNull(options, "options"));
  }

  /** {@link #childProcesses(int, ChildProcessOptions)} with {@link ChildProcessOptions#defaults()}. */
  public static Isolation childProcesses(int workers) {
    return childProcesses(workers, ChildProcessOptions.defaults());
  }

  /** A short name for logs and stats ("serialized", "thread-confined(4)"). */
  public abstract String name();

  /** What this strategy can do beyond the common invariants. */
  public abstract Capabilities capabilities();

  /** Opens {@code backend} under this strategy; called by the builder. */
  abstract <S> Isolated<S> open(Backend<S> backend, IsolatedOptions options);

  @Override
  public String toString() {
    return name();
  }
}
