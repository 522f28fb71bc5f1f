package dev.confine.mockspark.worker;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;

/** DuckDB's Arrow export of a result set (DuckDB JDBC's {@code arrowExportStream}), shared by both modes. */
public final class ArrowExports {
  private ArrowExports() {}

  /**
   * The rows of {@code rs} as Arrow batches of up to {@code batchRows} rows, allocated in {@code allocator}, straight
   * from DuckDB's C data interface export. The reader must be closed before {@code rs}.
   */
  public static ArrowReader export(ResultSet rs, BufferAllocator allocator, int batchRows) throws SQLException {
    if (batchRows < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "batchRows must be at least 1, got %d", batchRows));
    }
    Object stream;
    try {
      // DuckDB JDBC's own method; not on java.sql.ResultSet, and the driver is a runtime-only dependency
      stream = rs.getClass().getMethod("arrowExportStream", Object.class, long.class).invoke(rs, allocator, (long) batchRows);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException("DuckDB's Arrow export failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This DuckDB JDBC driver has no arrowExportStream (need duckdb_jdbc >= 1.4): " + e, e);
    }
    return (ArrowReader) stream;
  }
}
