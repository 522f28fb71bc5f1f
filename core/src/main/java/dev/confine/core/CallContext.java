package dev.confine.core;

/**
 * What a running {@link Call} may know about where and until when it runs.
 *
 * <p>Valid only during {@link Call#apply}, on the thread that runs it; do not keep it.
 */
public interface CallContext {

  /** When the caller stops waiting; long-running work should check it and give up. */
  Deadline deadline();

  /** The stateful handles of the owner this call runs on. */
  HandleTable handles();

  /**
   * Which owner runs this call: an owner-thread index, a worker number, or 0 for the serialized
   * strategy. Stable for the life of the owner.
   */
  int owner();
}
