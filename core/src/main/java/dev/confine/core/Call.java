package dev.confine.core;

/**
 * A unit of work applied to a backend's state, returning a result.
 *
 * <p>Calls that may cross a process boundary must be Jackson-serializable (a record of simple
 * values is the easy way) and listed in their backend's {@link TypeRegistry}; so must their results.
 *
 * <p><b>Concurrency:</b> the strategy guarantees {@link #apply} never runs concurrently with
 * another call on state it shares, and that everything the submitting thread did before
 * submitting happens-before {@code apply}, and {@code apply} happens-before the caller sees the
 * result. A call should be immutable; it may be applied on a thread other than the caller's.
 *
 * @param <S> the backend state it applies to
 * @param <R> the result type
 */
@FunctionalInterface
public interface Call<S, R> {

  /**
   * Does the work. Any exception thrown reaches the caller as a {@link BackendException} carrying
   * its type, message and stack trace.
   */
  R apply(S state, CallContext context) throws Exception;

  /**
   * The handle this call works on, or {@code null} for a call on the state as a whole. A call with
   * a handle always runs on the owner that opened the handle.
   */
  default Handle handle() {
    return null;
  }
}
