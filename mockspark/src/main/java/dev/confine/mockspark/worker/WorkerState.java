package dev.confine.mockspark.worker;

import java.sql.Connection;
import java.util.Locale;
import java.util.Objects;

/**
 * One worker's DuckDB database: a private in-memory instance and the one connection the worker's call thread
 * uses. <b>Not thread-safe</b>: the child-process strategy runs one call at a time in a worker, on one thread.
 *
 * <p>{@link #instanceId()} is random per opened state. The parent learns it once, when the session starts, and
 * sends it with every call; a replaced worker (after a crash) has a fresh, empty database and a different id, so
 * a call meant for the lost database fails instead of silently running against an empty one.
 */
public final class WorkerState {
  private final Connection connection;
  private final String instanceId;

  WorkerState(Connection connection, String instanceId) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
  }

  Connection connection() {
    return connection;
  }

  String instanceId() {
    return instanceId;
  }

  /** Fails if the call was meant for another database than this worker's. */
  void check(String expectedInstanceId) {
    if (!instanceId.equals(expectedInstanceId)) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s: this worker's database is %s, the call was made for %s (its worker died and was replaced)",
          WorkerCalls.SESSION_LOST, instanceId, expectedInstanceId));
    }
  }
}
