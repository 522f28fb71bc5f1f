package dev.confine.mockspark.sql;

import dev.confine.core.BackendConfig;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.WorkerCrashedException;
import dev.confine.isolation.ChildProcessOptions;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import dev.confine.mockspark.sql.types.StructType;
import dev.confine.mockspark.worker.Cell;
import dev.confine.mockspark.worker.DuckDbDriver;
import dev.confine.mockspark.worker.DuckDbWorkerBackend;
import dev.confine.mockspark.worker.WorkerCalls;
import dev.confine.mockspark.worker.WorkerState;
import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * A session's database in its own worker JVM ({@code config("confine.isolation", "child-processes")}): one
 * child process per session, started through isolation's {@link Isolation#childProcesses}, running one DuckDB
 * instance; every call of every thread of the session is sent there and runs one at a time.
 *
 * <p>Thread-safe. Results come back typed (see {@link Cell}) and are converted exactly as in-process ({@link Values}); DuckDB
 * errors come back as their message and are mapped by {@link Engine#translate}, so both modes raise the same
 * {@link AnalysisException}s. If the worker dies, the session's database died with it: the call in flight and
 * every later call fail with an {@link IllegalStateException} that says so (a replacement worker would hold an
 * empty database, so nothing is ever run there).
 */
final class ChildProcessEngine implements SessionEngine {
  private final Isolated<WorkerState> worker;
  private final String instanceId;
  private final long pid;
  private volatile String lostBecause; // set once the worker that held this session's database died
  private volatile String currentSchema = "main"; // written after the worker applied it

  ChildProcessEngine(int duckdbThreads, Duration callTimeout, List<String> workerJvmArgs) {
    ChildProcessOptions options = ChildProcessOptions.newBuilder()
        // Arrow (the export path) reflects into java.nio
        .jvmArgs(withArrowOpens(workerJvmArgs))
        .build();
    this.worker = Isolated.newBuilder(new DuckDbWorkerBackend())
        .strategy(Isolation.childProcesses(1, options))
        .config(BackendConfig.of(Map.of("threads", Integer.toString(duckdbThreads))))
        .defaultTimeout(callTimeout)
        .name("mockspark-session")
        .open();
    try {
      WorkerCalls.Identity id = worker.call(new WorkerCalls.Describe("mockspark-session"));
      this.instanceId = id.instanceId();
      this.pid = id.pid();
    } catch (RuntimeException e) {
      worker.close();
      throw new IllegalStateException("mockspark could not start its session worker process: " + e.getMessage(), e);
    }
  }

  private static List<String> withArrowOpens(List<String> jvmArgs) {
    List<String> all = new ArrayList<>(jvmArgs);
    all.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
    // the worker loads DuckDB's native library the way this JVM does (DuckDbDriver), unless the user said otherwise
    String cache = System.getProperty(DuckDbDriver.CACHE_PROPERTY);
    String flag = "-D" + DuckDbDriver.CACHE_PROPERTY + "=";
    if (cache != null && jvmArgs.stream().noneMatch(a -> a.startsWith(flag))) {
      all.add(flag + cache);
    }
    return all;
  }

  /** The worker's process id (tests kill it to show what a crash does). */
  long workerPid() {
    return pid;
  }

  @Override
  public void execute(String sql) {
    run(new WorkerCalls.Execute(instanceId, sql), sql);
  }

  @Override
  public StructType schema(String sql) {
    WorkerCalls.Result r = run(new WorkerCalls.Query(instanceId, "SELECT * FROM (" + sql + ") LIMIT 0"), sql);
    return Engine.schemaOf(r.names(), r.types());
  }

  @Override
  public List<Row> query(String sql) {
    WorkerCalls.Result r = run(new WorkerCalls.Query(instanceId, sql), sql);
    StructType schema = Engine.schemaOf(r.names(), r.types());
    List<Row> rows = new ArrayList<>(r.rows().size());
    try {
      for (List<Cell> cells : r.rows()) {
        Object[] vals = new Object[cells.size()];
        for (int i = 0; i < vals.length; i++) {
          vals[i] = Values.fromJdbc(cells.get(i).decode(), schema.apply(i).dataType());
        }
        rows.add(new Row(vals, schema));
      }
    } catch (SQLException e) {
      throw Engine.translate(e, sql);
    }
    return rows;
  }

  @Override
  public ArrowReader arrow(String sql, BufferAllocator allocator, int batchRows) {
    byte[] stream = run(new WorkerCalls.ArrowExport(instanceId, sql, batchRows), sql);
    return new ArrowStreamReader(new ByteArrayInputStream(stream), allocator);
  }

  private <R> R run(Call<WorkerState, R> call, String sql) {
    String lost = lostBecause;
    if (lost != null) {
      throw sessionLost(lost, sql, null);
    }
    try {
      return worker.call(call);
    } catch (WorkerCrashedException e) {
      lostBecause = e.getMessage();
      throw sessionLost(e.getMessage(), sql, e);
    } catch (BackendException e) {
      String message = String.valueOf(e.remoteMessage());
      if (message.startsWith(WorkerCalls.SESSION_LOST)) {
        lostBecause = message;
        throw sessionLost(message, sql, e);
      }
      if (isSqlException(e.remoteType())) {
        // the same mapping as in-process, from the same DuckDB message
        throw Engine.translate(new SQLException(message, e), sql);
      }
      throw e;
    }
  }

  private static boolean isSqlException(String type) {
    return type != null && (type.equals(SQLException.class.getName()) || type.startsWith("java.sql.SQL")
        || type.startsWith("org.duckdb."));
  }

  private IllegalStateException sessionLost(String why, String sql, Throwable cause) {
    return new IllegalStateException(String.format(Locale.ROOT,
        "mockspark session's worker process (pid %d) died, and its DuckDB database (all tables and views of this"
            + " session) with it: %s. Statement: %s. Stop this session and create a new one.",
        pid, why, sql), cause);
  }

  @Override
  public String currentSchema() {
    return currentSchema;
  }

  @Override
  public void setCurrentSchema(String schema) {
    java.util.Objects.requireNonNull(schema, "schema");
    // main stays on the path so temporary views (created in main) resolve whatever the current database is
    String path = schema.equals("main") ? "main" : schema + ",main";
    execute("SET search_path = '" + path.replace("'", "''") + "'");
    currentSchema = schema;
  }

  @Override
  public boolean isClosed() {
    return worker.isClosed();
  }

  @Override
  public void close() {
    worker.close();
  }
}
