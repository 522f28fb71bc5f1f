package dev.confine.graphistry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A table to plot: an Arrow {@link VectorSchemaRoot}, rows as maps or records, or a CSV file.
 * Immutable and safe to share between threads and plottables; row and CSV tables are read again at
 * each upload, one batch at a time, so memory stays bounded by a batch, not by the table. A
 * {@code VectorSchemaRoot} is read, never modified or closed; its owner must not change it while a
 * plot runs.
 *
 * <p>Column types: strings, integers (as 64-bit), floats (as 64-bit), booleans, timestamps
 * ({@link Instant}, {@link Date}, {@link LocalDateTime} taken as UTC; milliseconds). Nulls are kept.
 */
public abstract class Table {
  /** Column kinds the encoder writes. */
  enum Kind {
    STRING,
    LONG,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP
  }

  record Column(String name, Kind kind) {}

  Table() {}

  /** Column names in order. */
  public abstract List<String> columnNames();

  /** Row count if known without reading the table, else -1. */
  abstract long knownRows();

  /** Size in bytes if known without reading the table (CSV file size, Arrow buffers), else -1. */
  long knownBytes() {
    return -1;
  }

  /**
   * Whether the table can be read more than once. All public kinds can (an Arrow root, a row list,
   * a file); a one-shot source could not, and then a failed upload cannot be retried another way.
   */
  boolean rereadable() {
    return true;
  }

  /** Wraps an Arrow root; its columns must be strings, integers, floats, booleans or timestamps. */
  public static Table of(VectorSchemaRoot root) {
    Objects.requireNonNull(root, "root");
    return new ArrowTable(root);
  }

  /**
   * Rows as maps from column name to value. Column types are inferred from the first non-null
   * value of each column; a later value of another type fails the plot naming row and column.
   */
  public static Table ofRows(List<? extends Map<String, ?>> rows) {
    Objects.requireNonNull(rows, "rows");
    return new RowTable(List.copyOf(rows), null);
  }

  /** Rows as Java records; columns are the record components. */
  public static Table ofRecords(List<? extends Record> records) {
    Objects.requireNonNull(records, "records");
    return new RowTable(List.copyOf(records), null);
  }

  /**
   * A CSV file with a header line (comma separated, double-quote quoting, empty field = null).
   * Types are inferred from the first 1,000 data rows: integer, float, boolean (true/false) or
   * string.
   */
  public static Table ofCsv(Path csv) {
    Objects.requireNonNull(csv, "csv");
    if (!Files.isReadable(csv)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "CSV file not readable: %s (check the path and permissions)", csv));
    }
    return new CsvTable(csv);
  }

  /** Arrow-backed table. */
  static final class ArrowTable extends Table {
    final VectorSchemaRoot root;

    ArrowTable(VectorSchemaRoot root) {
      this.root = root;
    }

    @Override
    public List<String> columnNames() {
      List<String> names = new ArrayList<>();
      for (Field f : root.getSchema().getFields()) {
        names.add(f.getName());
      }
      return names;
    }

    @Override
    long knownRows() {
      return root.getRowCount();
    }

    @Override
    long knownBytes() {
      long bytes = 0;
      for (org.apache.arrow.vector.FieldVector v : root.getFieldVectors()) {
        bytes += v.getBufferSize();
      }
      return bytes;
    }
  }

  /** A table read row by row; subclasses give the schema and a fresh cursor per upload. */
  abstract static class RowSource extends Table {
    abstract List<Column> columns();

    /** A new cursor over the rows; each row is an Object[] aligned with {@link #columns()}. */
    abstract Iterator<Object[]> rows();

    @Override
    public List<String> columnNames() {
      List<String> names = new ArrayList<>();
      for (Column c : columns()) {
        names.add(c.name());
      }
      return names;
    }
  }

  static Kind kindOf(Object v) {
    if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
      return Kind.STRING;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return Kind.LONG;
    }
    if (v instanceof Double || v instanceof Float) {
      return Kind.DOUBLE;
    }
    if (v instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    if (v instanceof Instant || v instanceof Date || v instanceof LocalDateTime) {
      return Kind.TIMESTAMP;
    }
    return null;
  }

  static long epochMillis(Object v) {
    if (v instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (v instanceof Date d) {
      return d.getTime();
    }
    return ((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** Rows given as maps or records, held by the caller's list (not copied per row). */
  static final class RowTable extends RowSource {
    private final List<?> rows;
    private final List<Column> columns;

    RowTable(List<?> rows, List<Column> columns) {
      this.rows = rows;
      this.columns = columns != null ? columns : infer(rows);
    }

    private static Map<String, ?> asMap(Object row, int index) {
      if (row instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> cast = (Map<String, ?>) m;
        return cast;
      }
      if (row instanceof Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
          try {
            m.put(rc.getName(), rc.getAccessor().invoke(r));
          } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "row %d: cannot read record component '%s' of %s (make the record public): %s",
                    index, rc.getName(), r.getClass().getName(), e),
                e);
          }
        }
        return m;
      }
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "row %d is %s, expected a Map or a record", index,
              row == null ? "null" : row.getClass().getName()));
    }

    private static List<Column> infer(List<?> rows) {
      Map<String, Kind> kinds = new LinkedHashMap<>();
      int i = 0;
      for (Object row : rows) {
        for (Map.Entry<String, ?> e : asMap(row, i).entrySet()) {
          Objects.requireNonNull(e.getKey(), "column name in row " + i);
          Object v = e.getValue();
          if (v == null) {
            kinds.putIfAbsent(e.getKey(), null);
            continue;
          }
          Kind k = kindOf(v);
          if (k == null) {
            throw new IllegalArgumentException(
                String.format(
                    Locale.ROOT,
                    "row %d, column '%s': unsupported type %s; use a String, integer, floating-point,"
                        + " Boolean, Instant, Date or LocalDateTime value",
                    i, e.getKey(), v.getClass().getName()));
          }
          if (kinds.get(e.getKey()) == null) {
            kinds.put(e.getKey(), k);
          }
        }
        i++;
      }
      List<Column> cols = new ArrayList<>();
      // an all-null column is written as strings
      kinds.forEach((n, k) -> cols.add(new Column(n, k == null ? Kind.STRING : k)));
      return List.copyOf(cols);
    }

    @Override
    List<Column> columns() {
      return columns;
    }

    @Override
    long knownRows() {
      return rows.size();
    }

    @Override
    Iterator<Object[]> rows() {
      Iterator<?> it = rows.iterator();
      return new Iterator<>() {
        int index;

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Object[] next() {
          Map<String, ?> m = asMap(it.next(), index);
          Object[] out = new Object[columns.size()];
          for (int c = 0; c < out.length; c++) {
            Column col = columns.get(c);
            Object v = m.get(col.name());
            if (v != null && kindOf(v) != col.kind()) {
              throw new IllegalArgumentException(
                  String.format(
                      Locale.ROOT,
                      "row %d, column '%s': value of type %s does not match the column type %s"
                          + " (inferred from the first non-null value); use one type per column",
                      index, col.name(), v.getClass().getName(), col.kind()));
            }
            out[c] = v;
          }
          index++;
          return out;
        }
      };
    }
  }

  /** A CSV file parsed lazily; types inferred from the first rows. */
  static final class CsvTable extends RowSource {
    static final int INFER_ROWS = 1000;
    private final Path path;
    private volatile List<Column> columns;

    CsvTable(Path path) {
      this.path = path;
    }

    @Override
    long knownRows() {
      return -1;
    }

    @Override
    long knownBytes() {
      try {
        return Files.size(path);
      } catch (IOException e) {
        return -1; // unreadable now: the upload itself reports it with the path
      }
    }

    @Override
    List<Column> columns() {
      List<Column> c = columns;
      if (c == null) {
        c = inferColumns();
        columns = c;
      }
      return c;
    }

    private List<Column> inferColumns() {
      try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        String header = r.readLine();
        if (header == null) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "CSV file %s is empty; it needs a header line", path));
        }
        List<String> names = Csv.split(header, path, 1);
        Kind[] kinds = new Kind[names.size()];
        String line;
        int n = 0;
        while (n < INFER_ROWS && (line = r.readLine()) != null) {
          if (line.isEmpty()) {
            continue;
          }
          List<String> f = Csv.split(line, path, n + 2);
          for (int i = 0; i < kinds.length && i < f.size(); i++) {
            kinds[i] = Csv.widen(kinds[i], f.get(i));
          }
          n++;
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
          cols.add(new Column(names.get(i), kinds[i] == null ? Kind.STRING : kinds[i]));
        }
        return List.copyOf(cols);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CSV file " + path, e);
      }
    }

    @Override
    Iterator<Object[]> rows() {
      List<Column> cols = columns();
      BufferedReader r;
      try {
        r = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        r.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CSV file " + path, e);
      }
      return new Iterator<>() {
        String next;
        int lineNo = 1;
        boolean done;

        @Override
        public boolean hasNext() {
          if (next != null) {
            return true;
          }
          if (done) {
            return false;
          }
          try {
            String l;
            do {
              l = r.readLine();
              lineNo++;
            } while (l != null && l.isEmpty());
            if (l == null) {
              done = true;
              r.close();
              return false;
            }
            next = l;
            return true;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read CSV file " + path, e);
          }
        }

        @Override
        public Object[] next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          List<String> f = Csv.split(next, path, lineNo);
          next = null;
          if (f.size() != cols.size()) {
            throw new IllegalArgumentException(
                String.format(Locale.ROOT, "%s line %d: %d fields, the header has %d", path, lineNo,
                    f.size(), cols.size()));
          }
          Object[] out = new Object[cols.size()];
          for (int i = 0; i < out.length; i++) {
            out[i] = Csv.parse(f.get(i), cols.get(i), path, lineNo);
          }
          return out;
        }
      };
    }
  }
}
