package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** spark.read() and write().format(..).save(path) on real files through DuckDB's readers and COPY. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReaderWriterFormatsTest {
  private SparkSession spark;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().getOrCreate().newSession();
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  private static List<List<Object>> values(Dataset<Row> d) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(r.get(i));
      }
      out.add(row);
    }
    return out;
  }

  private static List<String> types(Dataset<Row> d) {
    return Arrays.stream(d.schema().fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }

  @Test
  void csvOptionsMapOntoDuckDbsReader(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("p.csv");
    Files.writeString(csv, "id;name;born\n1;ann;2001-02-03\n2;NA;1999-12-31\n");
    // Spark's defaults: no header, no inference -> _c0.. and all strings
    Dataset<Row> raw = spark.read().option("sep", ";").csv(csv.toString());
    assertEquals(List.of("_c0:string", "_c1:string", "_c2:string"), types(raw));
    assertEquals(3, raw.count());
    Dataset<Row> typed = spark.read().format("csv").option("header", "true").option("inferSchema", true)
        .option("delimiter", ";").option("nullValue", "NA").load(csv.toString());
    assertEquals(List.of("id:int", "name:string", "born:date"), types(typed));
    assertEquals(List.of(Arrays.asList(1, "ann", java.sql.Date.valueOf("2001-02-03")),
        Arrays.asList(2, null, java.sql.Date.valueOf("1999-12-31"))), values(typed.orderBy("id")));
    StructType schema = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType)
        .add("born", DataTypes.StringType);
    Dataset<Row> given = spark.read().schema(schema).option("header", true).option("sep", ";").csv(csv.toString());
    assertEquals(List.of("id:bigint", "name:string", "born:string"), types(given));
    assertEquals(List.of(1L, 2L), given.collectAsList().stream().map(r -> r.get(0)).sorted().toList());
  }

  @Test
  void readerErrorsNameTheProblem(@TempDir Path dir) {
    AnalysisException missing = assertThrows(AnalysisException.class,
        () -> spark.read().parquet(dir.resolve("none.parquet").toString()));
    assertEquals("PATH_NOT_FOUND", missing.getErrorClass());
    assertTrue(missing.getMessage().contains("none.parquet"), missing.getMessage());
    assertEquals("DATA_SOURCE_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> spark.read().format("avro")).getErrorClass());
    IllegalArgumentException opt = assertThrows(IllegalArgumentException.class,
        () -> spark.read().option("bogusOption", "1"));
    assertTrue(opt.getMessage().contains("bogusOption"), opt.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> spark.read().option("header", "yes").csv(dir.toString()));
  }

  @Test
  void saveWritesSparkStyleDirectoriesInEachFormatAndReadsThemBack(@TempDir Path dir) throws Exception {
    Dataset<Row> df = spark.sql("SELECT * FROM VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, 'a', 2.5) AS t(id, grp, x)");
    for (String format : List.of("parquet", "csv", "json")) {
      Path out = dir.resolve(format);
      df.write().format(format).option("header", "true").save(out.toString());
      assertTrue(Files.exists(out.resolve("_SUCCESS")), format);
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("part-")).count(), format);
      }
      Dataset<Row> back = format.equals("csv")
          ? spark.read().option("header", "true").option("inferSchema", "true").csv(out.toString())
          : spark.read().format(format).load(out.toString());
      List<String> rows = back.collectAsList().stream()
          .map(r -> r.getAs("id") + "/" + r.getAs("grp") + "/" + r.getAs("x")).sorted().toList();
      assertEquals(List.of("1/a/1.5", "2/b/null", "3/a/2.5"), rows, format);
    }
    // json fields come back sorted by name, as Spark infers them
    assertArrayEquals(new String[] {"grp", "id", "x"}, spark.read().json(dir.resolve("json").toString()).columns());
  }

  @Test
  void saveModesAndPartitionBy(@TempDir Path dir) {
    Dataset<Row> df = spark.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b'), (3, 'a') AS t(id, grp)");
    Path out = dir.resolve("t");
    df.write().parquet(out.toString());
    assertEquals("PATH_ALREADY_EXISTS",
        assertThrows(AnalysisException.class, () -> df.write().parquet(out.toString())).getErrorClass());
    df.write().mode("append").parquet(out.toString());
    assertEquals(6, spark.read().parquet(out.toString()).count());
    df.write().mode(SaveMode.Ignore).parquet(out.toString());
    assertEquals(6, spark.read().parquet(out.toString()).count());
    df.filter("id = 1").write().mode(SaveMode.Overwrite).parquet(out.toString());
    assertEquals(1, spark.read().parquet(out.toString()).count());

    Path parts = dir.resolve("parts");
    df.write().partitionBy("grp").parquet(parts.toString());
    assertTrue(Files.isDirectory(parts.resolve("grp=a")) && Files.isDirectory(parts.resolve("grp=b")));
    Dataset<Row> back = spark.read().parquet(parts.toString());
    assertEquals("grp", back.schema().fields()[back.schema().fields().length - 1].name()); // partition column last
    assertEquals(List.of("1a", "2b", "3a"), back.collectAsList().stream()
        .map(r -> "" + r.getAs("id") + r.getAs("grp")).sorted().toList());
    StructField[] fs = back.schema().fields();
    assertEquals(2, fs.length);
  }
}
