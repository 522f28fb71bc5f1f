package dev.confine.mockspark.sql;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} over DuckDB's own export reader that also owns what that export needs kept open (its
 * result set, statement and connection) and closes them with itself. Each batch's buffers are handed over from
 * DuckDB's vectors to this reader's (Arrow transfer pairs: ownership moves, nothing is copied).
 *
 * <p><b>Not thread-safe</b>, as any {@code ArrowReader}: read it from one thread at a time.
 */
final class TransferringArrowReader extends ArrowReader {
  private final ArrowReader source;
  private final List<AutoCloseable> owned; // closed in order after the source

  TransferringArrowReader(ArrowReader source, BufferAllocator allocator, List<AutoCloseable> owned) {
    super(allocator);
    this.source = source;
    this.owned = List.copyOf(owned);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    if (!source.loadNextBatch()) {
      return false;
    }
    VectorSchemaRoot from = source.getVectorSchemaRoot();
    VectorSchemaRoot to = getVectorSchemaRoot();
    List<FieldVector> fromVectors = from.getFieldVectors();
    List<FieldVector> toVectors = to.getFieldVectors();
    for (int i = 0; i < fromVectors.size(); i++) {
      fromVectors.get(i).makeTransferPair(toVectors.get(i)).transfer();
    }
    to.setRowCount(from.getRowCount());
    return true;
  }

  @Override
  public long bytesRead() {
    return source.bytesRead();
  }

  @Override
  protected void closeReadSource() throws IOException {
    Exception first = null;
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw new IOException("closing DuckDB's Arrow export failed: " + first.getMessage(), first);
    }
  }

  @Override
  protected Schema readSchema() throws IOException {
    return source.getVectorSchemaRoot().getSchema();
  }
}
