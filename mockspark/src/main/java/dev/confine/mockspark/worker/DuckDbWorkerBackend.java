package dev.confine.mockspark.worker;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;
import java.sql.Connection;
import java.util.Properties;
import java.util.UUID;

/**
 * The DuckDB database of one mockspark session, as a core {@link Backend} (id {@value #ID}) that a child-process
 * worker finds through {@link java.util.ServiceLoader} and opens. Stateless and thread-safe, as the SPI requires;
 * the {@link WorkerState} it opens is not, and the child-process strategy runs one call at a time on it.
 *
 * <p>Configuration: {@code threads} (DuckDB's worker threads for this database, default 1).
 */
public final class DuckDbWorkerBackend implements Backend<WorkerState> {
  /** The backend id the worker looks up. */
  public static final String ID = "mockspark-duckdb";

  private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
      .register("ms.Execute", WorkerCalls.Execute.class)
      .register("ms.Query", WorkerCalls.Query.class)
      .register("ms.ArrowExport", WorkerCalls.ArrowExport.class)
      .register("ms.Describe", WorkerCalls.Describe.class)
      .register("ms.Result", WorkerCalls.Result.class)
      .register("ms.Identity", WorkerCalls.Identity.class)
      .build();

  /** For {@link java.util.ServiceLoader}. */
  public DuckDbWorkerBackend() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    // each opened database is independent of the others
    return StateScope.INSTANCE;
  }

  @Override
  public WorkerState open(BackendConfig config) throws Exception {
    int threads = config.getInt("threads", 1);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    Properties props = new Properties();
    props.setProperty("threads", Integer.toString(threads));
    Connection c = DuckDbDriver.connect(props);
    return new WorkerState(c, UUID.randomUUID().toString());
  }

  @Override
  public void close(WorkerState state) throws Exception {
    state.connection().close();
  }

  @Override
  public TypeRegistry types() {
    return TYPES;
  }
}
