package dev.confine.isolation;

/**
 * What a strategy can do beyond the invariants every strategy keeps. The contract suite uses it
 * to decide which tests apply.
 *
 * @param survivesNativeCrash a crash in the backend's native code kills only a worker, not the
 *     caller's JVM
 * @param parallelAcrossInstances calls on different instances of an {@code INSTANCE}-scoped
 *     backend may run at the same time
 * @param abandonsRunningCalls a caller whose deadline passes while its call is running gets its
 *     timeout at the deadline (the call's late result is discarded); without it the caller waits
 *     for the running call to end
 * @param crossesProcessBoundary calls and results are serialized (they must be registered types)
 */
public record Capabilities(
    boolean survivesNativeCrash,
    boolean parallelAcrossInstances,
    boolean abandonsRunningCalls,
    boolean crossesProcessBoundary) {}
