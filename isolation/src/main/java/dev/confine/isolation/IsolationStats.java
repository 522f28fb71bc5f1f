package dev.confine.isolation;

import java.time.Duration;

/**
 * A snapshot of one isolated backend's counters. Counters only grow; {@code queued}, {@code
 * running} and {@code handles} are the current values. Values are read without a global lock, so
 * under concurrent calls they may be a few calls apart from each other. One ordering is kept: once a
 * call's outcome reaches its caller (it returns or throws, or its future completes, as seen by any
 * code that waits on or is chained to that future), every snapshot taken afterwards counts that
 * outcome: a result or the backend's own exception in {@code succeeded} or {@code failed}, no longer
 * {@code running} and in {@code totalCallTime}; a timeout, interruption or rejection in {@code
 * timedOut}, {@code interrupted} or {@code rejected}. (A call its caller stopped waiting for, timed
 * out or interrupted, may still be running.)
 *
 * @param strategy the strategy's name
 * @param backendId the backend's id
 * @param owners owner threads or worker processes (1 for serialized)
 * @param submitted calls accepted
 * @param succeeded calls that returned a result
 * @param failed calls whose backend threw
 * @param timedOut calls whose caller's deadline passed
 * @param rejected calls refused (queue full, closed)
 * @param interrupted calls whose caller was interrupted
 * @param queued calls waiting now
 * @param running calls running now
 * @param handles handles open now
 * @param restarts owners replaced after a crash or recycled (child processes only)
 * @param totalCallTime time spent running calls, summed
 */
public record IsolationStats(
    String strategy,
    String backendId,
    int owners,
    long submitted,
    long succeeded,
    long failed,
    long timedOut,
    long rejected,
    long interrupted,
    int queued,
    int running,
    int handles,
    long restarts,
    Duration totalCallTime) {}
