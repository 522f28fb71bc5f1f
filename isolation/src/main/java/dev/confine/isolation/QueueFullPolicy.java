package dev.confine.isolation;

/** What a call does when the strategy's bounded queue is full. */
public enum QueueFullPolicy {
  /** Wait for room until the call's deadline, then fail with a timeout. */
  WAIT,
  /** Fail at once with {@link dev.confine.core.CallRejectedException}. */
  REJECT
}
