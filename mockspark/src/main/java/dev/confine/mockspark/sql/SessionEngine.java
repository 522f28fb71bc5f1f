package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructType;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Where a session's SQL runs: {@link Engine} (in-process, one DuckDB connection per calling thread, the default)
 * or {@link ChildProcessEngine} (the session's own worker JVM). Both give the same results and the same errors
 * (DuckDB's messages mapped by {@link Engine#translate}). Implementations are thread-safe.
 */
interface SessionEngine extends AutoCloseable {
  /** Runs a statement; DuckDB errors come back as {@link AnalysisException} or a RuntimeException naming the SQL. */
  void execute(String sql);

  /** The schema {@code sql} would produce, without running it to completion. */
  StructType schema(String sql);

  /** Every row of {@code sql}, values converted to Spark's Java types. */
  List<Row> query(String sql);

  /**
   * The result of {@code sql} as Arrow batches of up to {@code batchRows} rows in {@code allocator}, from DuckDB's
   * Arrow export. The caller owns (and must close) the reader; it may be read from one thread at a time.
   */
  ArrowReader arrow(String sql, BufferAllocator allocator, int batchRows);

  /**
   * The session's current database as a DuckDB schema name ({@code main} by default), session-wide as in Spark.
   * The in-process engine gets its implementation with the SQL/catalog branch (a per-connection search path
   * applied lazily); the worker engine has one connection, so a search path set there is already session-wide.
   */
  default String currentSchema() {
    throw new UnsupportedOperationException("currentSchema is not implemented by " + getClass().getSimpleName());
  }

  /** Makes {@code schema} the session's current database for unqualified names, on every thread. */
  default void setCurrentSchema(String schema) {
    throw new UnsupportedOperationException("setCurrentSchema is not implemented by " + getClass().getSimpleName());
  }

  boolean isClosed();

  /** Closes every connection (and worker) of the session; idempotent. */
  @Override
  void close();
}
