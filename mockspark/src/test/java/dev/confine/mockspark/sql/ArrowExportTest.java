package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Dataset#toArrowReader}: every cell, in both isolation modes, against what DuckDB holds. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArrowExportTest {
  private static final List<List<Object>> EXPECTED = List.of(
      // id, name, amount DECIMAL(12,3), day DATE, ts TIMESTAMP, ok BOOLEAN, big BIGINT, ratio DOUBLE
      List.of(1, "ann", new BigDecimal("12345.678"), LocalDate.of(2020, 1, 31), LocalDateTime.of(2021, 2, 3, 4, 5, 6, 789_000_000), true, 9_000_000_000L, 0.5),
      nullsAfterId(2),
      List.of(3, "", new BigDecimal("-0.001"), LocalDate.of(1969, 12, 31), LocalDateTime.of(1970, 1, 1, 0, 0), false, Long.MIN_VALUE, -1.0e300),
      List.of(4, "ünï ☃", new BigDecimal("0.000"), LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000), true, 0L, Double.NaN));

  private static List<Object> nullsAfterId(int id) {
    List<Object> row = new ArrayList<>();
    row.add(id);
    for (int i = 1; i < 8; i++) {
      row.add(null);
    }
    return row;
  }

  private static SparkSession open(String mode) {
    return SparkSession.builder().getOrCreate().newSessionWith(SparkSession.ISOLATION_KEY, mode);
  }

  private static void createTable(SparkSession spark) {
    spark.sql("CREATE TABLE t (id INTEGER, name VARCHAR, amount DECIMAL(12,3), day DATE, ts TIMESTAMP, ok BOOLEAN,"
        + " big BIGINT, ratio DOUBLE)");
    spark.sql("INSERT INTO t VALUES (1,'ann',12345.678,DATE '2020-01-31',TIMESTAMP '2021-02-03 04:05:06.789',true,9000000000,0.5),"
        + " (2,NULL,NULL,NULL,NULL,NULL,NULL,NULL),"
        + " (3,'',-0.001,DATE '1969-12-31',TIMESTAMP '1970-01-01 00:00:00',false,-9223372036854775808,-1e300),"
        + " (4,'ünï ☃',0,DATE '2024-02-29',TIMESTAMP '2024-02-29 23:59:59.999999',true,0,'NaN'::DOUBLE)");
  }

  /** A cell as the Java value it stands for (Arrow's getObject gives days for dates, Text for strings). */
  private static Object cell(FieldVector v, int row) {
    if (v.isNull(row)) {
      return null;
    }
    if (v instanceof DateDayVector d) {
      return LocalDate.ofEpochDay(d.get(row));
    }
    Object o = v.getObject(row);
    return o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o;
  }

  @ParameterizedTest
  @ValueSource(strings = {"thread-confined", "child-processes"})
  void everyCellIncludingNullsDatesAndDecimals(String mode) throws Exception {
    SparkSession spark = open(mode);
    try (BufferAllocator allocator = new RootAllocator()) {
      createTable(spark);
      Dataset<Row> frame = spark.table("t").orderBy("id");
      List<List<Object>> got = new ArrayList<>();
      try (ArrowReader reader = frame.toArrowReader(allocator)) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        assertEquals(List.of("id", "name", "amount", "day", "ts", "ok", "big", "ratio"),
            root.getSchema().getFields().stream().map(f -> f.getName()).toList());
        List<Class<?>> kinds = List.of(IntVector.class, FieldVector.class, DecimalVector.class, DateDayVector.class,
            TimeStampMicroVector.class, BitVector.class, BigIntVector.class, Float8Vector.class);
        while (reader.loadNextBatch()) {
          for (int c = 0; c < kinds.size(); c++) {
            assertTrue(kinds.get(c).isInstance(root.getVector(c)), c + ": " + root.getVector(c).getClass());
          }
          for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : root.getFieldVectors()) {
              row.add(cell(v, r));
            }
            got.add(row);
          }
        }
        assertEquals(3, ((DecimalVector) root.getVector("amount")).getScale());
      }
      assertEquals(EXPECTED, got);
      // what collectAsList says agrees cell by cell where the types meet
      List<Row> rows = frame.collectAsList();
      for (int r = 0; r < rows.size(); r++) {
        assertEquals(EXPECTED.get(r).get(1), rows.get(r).get(1));
        assertEquals(EXPECTED.get(r).get(6), rows.get(r).get(6));
      }
      assertEquals(0, allocator.getAllocatedMemory(), "closing the reader releases every batch");
    } finally {
      spark.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"thread-confined", "child-processes"})
  void largeResultsComeInSeveralBatchesAndTheSessionKeepsWorkingMeanwhile(String mode) throws Exception {
    SparkSession spark = open(mode);
    try (BufferAllocator allocator = new RootAllocator()) {
      long rows = 0;
      long sum = 0;
      int batches = 0;
      try (ArrowReader reader = spark.range(200_000).toArrowReader(allocator)) {
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        while (reader.loadNextBatch()) {
          batches++;
          // the same thread runs other queries between batches: the export has its own connection
          assertEquals(3L, spark.range(3).count());
          BigIntVector ids = (BigIntVector) root.getVector("id");
          for (int i = 0; i < root.getRowCount(); i++) {
            sum += ids.get(i);
          }
          rows += root.getRowCount();
        }
      }
      assertEquals(200_000L, rows);
      assertEquals(199_999L * 200_000L / 2, sum);
      assertTrue(batches >= 3, "batches: " + batches);
    } finally {
      spark.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"thread-confined", "child-processes"})
  void aFailingQueryRaisesTheSparkErrorAndLeaksNothing(String mode) {
    SparkSession spark = open(mode);
    try (BufferAllocator allocator = new RootAllocator()) {
      spark.sql("CREATE VIEW v AS SELECT 1 AS a");
      Dataset<Row> frame = spark.table("v");
      spark.sql("DROP VIEW v");
      AnalysisException e = assertThrows(AnalysisException.class, () -> frame.toArrowReader(allocator).close());
      assertEquals("TABLE_OR_VIEW_NOT_FOUND", e.getErrorClass());
      assertThrows(NullPointerException.class, () -> frame.toArrowReader(null));
    } finally {
      spark.stop();
    }
  }
}
