package dev.confine.graphistry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a {@link Table} as Arrow IPC file-format bytes (ARROW1 magic, no schema metadata, no
 * compression), one batch at a time. Stateless and thread-safe: each call uses its own allocator.
 */
final class ArrowEncoder {
  static final int DEFAULT_BATCH_ROWS = 65_536;
  private static final long ALLOCATOR_LIMIT = 1L << 30;

  private ArrowEncoder() {}

  /**
   * Fails with the exact fix when the JVM was started without {@code
   * --add-opens=java.base/java.nio=ALL-UNNAMED}, which Arrow Java needs on JDK 17+; otherwise Arrow
   * fails later with an obscure initialization error.
   */
  static void checkJvmFlags() {
    Module arrow;
    try {
      arrow = Class.forName("org.apache.arrow.memory.BufferAllocator", false,
          ArrowEncoder.class.getClassLoader()).getModule();
    } catch (ClassNotFoundException e) {
      throw new GraphistryException("Apache Arrow (arrow-memory-core) is not on the class path", e);
    }
    if (!ByteBuffer.class.getModule().isOpen("java.nio", arrow)) {
      throw new GraphistryException(
          String.format(
              Locale.ROOT,
              "Apache Arrow needs access to java.nio on JDK 17+: start the JVM with"
                  + " --add-opens=java.base/java.nio=%s (module of Arrow here: %s)",
              arrow.isNamed() ? "org.apache.arrow.memory.core" : "ALL-UNNAMED",
              arrow.isNamed() ? arrow.getName() : "unnamed, class path"));
    }
  }

  static void checkSupported(Table t, String part) {
    if (t instanceof Table.ArrowTable a) {
      for (Field f : a.root.getSchema().getFields()) {
        ArrowType type = f.getType();
        boolean ok = type instanceof ArrowType.Utf8 || type instanceof ArrowType.Int
            || type instanceof ArrowType.FloatingPoint || type instanceof ArrowType.Bool
            || type instanceof ArrowType.Timestamp || type instanceof ArrowType.LargeUtf8;
        if (!ok) {
          throw new GraphistryException(
              String.format(
                  Locale.ROOT,
                  "%s column '%s' has unsupported Arrow type %s; use strings, integers, floats,"
                      + " booleans or timestamps",
                  part, f.getName(), type));
        }
      }
    } else if (t instanceof Table.RowSource rs) {
      rs.columns();
    }
  }

  static Schema schemaOf(List<Table.Column> cols) {
    List<Field> fields = new ArrayList<>();
    for (Table.Column c : cols) {
      ArrowType type = switch (c.kind()) {
        case STRING -> ArrowType.Utf8.INSTANCE;
        case LONG -> new ArrowType.Int(64, true);
        case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case BOOLEAN -> ArrowType.Bool.INSTANCE;
        case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
      };
      fields.add(new Field(c.name(), FieldType.nullable(type), null));
    }
    return new Schema(fields);
  }

  /** Encodes {@code table} to {@code out} and closes it; returns the rows written. */
  static long write(Table table, OutputStream out, int batchRows, String part, PlotListener listener)
      throws IOException {
    checkJvmFlags();
    if (table instanceof Table.ArrowTable a) {
      return writeRoot(a.root, out);
    }
    Table.RowSource rs = (Table.RowSource) table;
    List<Table.Column> cols = rs.columns();
    long total = rs.knownRows();
    try (BufferAllocator alloc = new RootAllocator(ALLOCATOR_LIMIT);
        VectorSchemaRoot root = VectorSchemaRoot.create(schemaOf(cols), alloc);
        ArrowFileWriter w = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
      w.start();
      Iterator<Object[]> rows = rs.rows();
      long written = 0;
      List<FieldVector> vectors = root.getFieldVectors();
      do {
        root.clear();
        for (FieldVector v : vectors) {
          v.setInitialCapacity(Math.min(batchRows, total < 0 ? batchRows : (int) Math.max(1, total - written)));
          v.allocateNew();
        }
        int n = 0;
        while (n < batchRows && rows.hasNext()) {
          Object[] row = rows.next();
          for (int c = 0; c < row.length; c++) {
            set(vectors.get(c), cols.get(c).kind(), n, row[c]);
          }
          n++;
        }
        root.setRowCount(n);
        if (n > 0 || written == 0) {
          w.writeBatch();
        }
        written += n;
        notify(listener, part, written, total);
      } while (rows.hasNext());
      w.end();
      return written;
    }
  }

  private static void notify(PlotListener l, String part, long rows, long total) {
    try {
      l.progress(part, rows, total);
    } catch (RuntimeException e) {
      System.getLogger(ArrowEncoder.class.getName())
          .log(System.Logger.Level.WARNING, "progress listener threw; ignored", e);
    }
  }

  private static void set(FieldVector v, Table.Kind kind, int i, Object value) {
    if (value == null) {
      v.setNull(i);
      return;
    }
    switch (kind) {
      case STRING -> ((VarCharVector) v).setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
      case LONG -> ((BigIntVector) v).setSafe(i, ((Number) value).longValue());
      case DOUBLE -> ((Float8Vector) v).setSafe(i, ((Number) value).doubleValue());
      case BOOLEAN -> ((BitVector) v).setSafe(i, ((Boolean) value) ? 1 : 0);
      case TIMESTAMP -> ((TimeStampMilliTZVector) v).setSafe(i, Table.epochMillis(value));
    }
  }

  private static long writeRoot(VectorSchemaRoot user, OutputStream out) throws IOException {
    // a view without schema metadata over the caller's vectors; the caller keeps ownership
    List<Field> fields = new ArrayList<>();
    for (Field f : user.getSchema().getFields()) {
      fields.add(new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), null, null), f.getChildren()));
    }
    VectorSchemaRoot view = new VectorSchemaRoot(fields, user.getFieldVectors(), user.getRowCount());
    try (ArrowFileWriter w = new ArrowFileWriter(view, null, Channels.newChannel(out))) {
      w.start();
      w.writeBatch();
      w.end();
    }
    return user.getRowCount();
  }
}
