package dev.confine.mockspark.worker;

import dev.confine.core.Call;
import dev.confine.core.CallContext;
import java.io.ByteArrayOutputStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * The calls and results that cross into a session's worker process: Jackson records registered in {@link
 * DuckDbWorkerBackend#types()}. Every call on the database names the database it was meant for (see {@link
 * WorkerState}). A DuckDB error leaves the worker as the {@link java.sql.SQLException} itself (the parent maps its
 * message to Spark's error classes exactly as in-process).
 */
public final class WorkerCalls {
  /** Starts the message of the error a call meant for a lost database fails with. */
  public static final String SESSION_LOST = "mockspark session database lost";

  private WorkerCalls() {}

  /** Asks the worker which database it holds and its process id. */
  public record Describe(String sessionName) implements Call<WorkerState, Identity> {
    @Override
    public Identity apply(WorkerState state, CallContext context) {
      return new Identity(state.instanceId(), ProcessHandle.current().pid());
    }
  }

  /** The database a worker holds and the worker's process id. */
  public record Identity(String instanceId, long pid) {}

  /** Runs a statement; the result is its update count, or -1 for a statement that returns rows. */
  public record Execute(String instanceId, String sql) implements Call<WorkerState, Long> {
    @Override
    public Long apply(WorkerState state, CallContext context) throws Exception {
      state.check(instanceId);
      try (Statement st = state.connection().createStatement()) {
        return st.execute(sql) ? -1L : st.getUpdateCount();
      }
    }
  }

  /** Runs a query and returns its column names, DuckDB type names and every row as typed cells. */
  public record Query(String instanceId, String sql) implements Call<WorkerState, Result> {
    @Override
    public Result apply(WorkerState state, CallContext context) throws Exception {
      state.check(instanceId);
      try (Statement st = state.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
          names.add(md.getColumnLabel(i));
          types.add(md.getColumnTypeName(i));
        }
        List<List<Cell>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Cell> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(Cell.encode(rs.getObject(i)));
          }
          rows.add(row);
        }
        return new Result(names, types, rows);
      }
    }
  }

  /** A query's columns (names and DuckDB type names) and rows. */
  public record Result(List<String> names, List<String> types, List<List<Cell>> rows) {}

  /**
   * Runs a query and returns its result as an Arrow IPC stream, written batch by batch from DuckDB's own Arrow
   * export (buffers are copied into the stream, never row by row).
   */
  public record ArrowExport(String instanceId, String sql, int batchRows) implements Call<WorkerState, byte[]> {
    @Override
    public byte[] apply(WorkerState state, CallContext context) throws Exception {
      state.check(instanceId);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (BufferAllocator allocator = new RootAllocator();
           Statement st = state.connection().createStatement();
           ResultSet rs = st.executeQuery(sql);
           ArrowReader reader = ArrowExports.export(rs, allocator, batchRows)) {
        try (ArrowStreamWriter writer = new ArrowStreamWriter(reader.getVectorSchemaRoot(), null, out)) {
          writer.start();
          while (reader.loadNextBatch()) {
            writer.writeBatch();
          }
          writer.end();
        }
      }
      return out.toByteArray();
    }
  }
}
