package dev.confine.mockspark.sql;

import static dev.confine.mockspark.sql.functions.array;
import static dev.confine.mockspark.sql.functions.col;
import static dev.confine.mockspark.sql.functions.collect_list;
import static dev.confine.mockspark.sql.functions.date_format;
import static dev.confine.mockspark.sql.functions.length;
import static dev.confine.mockspark.sql.functions.lit;
import static dev.confine.mockspark.sql.functions.regexp_replace;
import static dev.confine.mockspark.sql.functions.row_number;
import static dev.confine.mockspark.sql.functions.struct;
import static dev.confine.mockspark.sql.functions.sum;
import static dev.confine.mockspark.sql.functions.to_date;
import static dev.confine.mockspark.sql.functions.year;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.mockspark.sql.expressions.Window;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spark semantics of the expression and Dataset API on values the conformance data sets do not reach (rounding
 * edges, errors, type names, join shapes). Each expectation is what Spark 4 does.
 */
class ApiSemanticsTest {
  private SparkSession spark;
  private Dataset<Row> nums;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().getOrCreate().newSession();
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("d", DataTypes.DoubleType)
        .add("s", DataTypes.StringType);
    nums = spark.createDataFrame(List.of(
        RowFactory.create(1, 2.7, "Alice"), RowFactory.create(2, -2.7, null), RowFactory.create(3, null, "x")), schema);
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  private static List<Object> column(Dataset<Row> df, int i) {
    List<Object> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.get(i));
    }
    return out;
  }

  @Test
  void castFractionalToIntegral_truncatesTowardZero() {
    Dataset<Row> df = nums.orderBy("id").select(col("d").cast("int"), col("d").cast("decimal(5,2)").cast("bigint"));
    assertEquals(Arrays.asList(2, -2, null), column(df, 0));
    assertEquals(Arrays.asList(2L, -2L, null), column(df, 1));
    assertEquals(List.of(42), column(spark.range(1).select(lit("42").cast("int")), 0));
  }

  @Test
  void invalidCast_failsWithCastInvalidInput() {
    SparkRuntimeException e = assertThrows(SparkRuntimeException.class,
        () -> nums.filter(col("id").equalTo(3)).select(col("s").cast("int")).collectAsList());
    assertEquals("CAST_INVALID_INPUT", e.getCondition());
  }

  @Test
  void divideByZero_failsWithDivideByZero_andDivisionIsFractional() {
    SparkRuntimeException e = assertThrows(SparkRuntimeException.class,
        () -> nums.select(col("id").divide(lit(0))).collectAsList());
    assertEquals("DIVIDE_BY_ZERO", e.getCondition());
    assertEquals(List.of(0.5, 1.0, 1.5), column(nums.orderBy("id").select(col("id").divide(2)), 0));
  }

  @Test
  void regexpReplace_takesJavaGroupReferences() {
    assertEquals("Al<i>c<e>", nums.filter(col("id").equalTo(1))
        .select(regexp_replace(col("s"), "([aeiou])", "<$1>")).first().getString(0));
  }

  @Test
  void resultTypes_areSparks() {
    Dataset<Row> df = nums.select(length(col("s")).alias("n"), year(to_date(lit("2024-02-29"))).alias("y"),
        row_number().over(Window.orderBy("id")).alias("rn"), col("d").cast("decimal(10,2)").alias("dec"),
        array(col("id"), col("id")).alias("arr"), struct(col("id"), col("s")).alias("st"));
    assertEquals("struct<n:int,y:int,rn:int,dec:decimal(10,2),arr:array<int>,st:struct<id:int,s:string>>",
        df.schema().simpleString());
    Row first = df.orderBy("rn").first();
    assertEquals(new BigDecimal("2.70"), first.getDecimal(3));
    assertEquals(List.of(1, 1), first.getList(4));
    assertEquals("Alice", first.getStruct(5).getAs("s"));
  }

  @Test
  void dateFormat_andToDate_takeJavaPatterns() {
    Row r = spark.range(1).select(date_format(to_date(lit("2024-02-09")), "dd/MM/yyyy EEE").alias("f"),
        to_date(lit("09.02.24"), "dd.MM.yy").alias("d")).first();
    assertEquals("09/02/2024 Fri", r.getString(0));
    assertEquals(java.sql.Date.valueOf("2024-02-09"), r.getDate(1));
  }

  @Test
  void naFill_touchesOnlyColumnsOfTheValuesType() {
    Dataset<Row> filled = nums.na().fill(0);
    assertEquals("struct<id:int,d:double,s:string>", filled.schema().simpleString());
    assertEquals(Arrays.asList("Alice", null, "x"), column(filled.orderBy("id"), 2));
    assertEquals(Arrays.asList(2.7, -2.7, 0.0), column(filled.orderBy("id"), 1));
    assertEquals(Arrays.asList("Alice", "-", "x"), column(nums.na().fill("-").orderBy("id"), 2));
    assertThrows(IllegalArgumentException.class, () -> nums.na().fill(Map.of("d", "text")));
    assertEquals(1L, nums.na().drop().count());
    assertEquals(2L, nums.na().drop(new String[] {"s"}).count());
  }

  @Test
  void usingJoin_putsKeysFirst_andFullJoinCoalescesThem() {
    Dataset<Row> right = spark.createDataFrame(List.of(RowFactory.create(3, "c"), RowFactory.create(9, "z")),
        new StructType().add("id", DataTypes.IntegerType).add("tag", DataTypes.StringType));
    Dataset<Row> full = nums.select("s", "id").join(right, new String[] {"id"}, "full");
    assertArrayEquals(new String[] {"id", "s", "tag"}, full.columns());
    assertEquals(Arrays.asList(1, 2, 3, 9), column(full.orderBy("id"), 0));
    assertArrayEquals(new String[] {"id", "s"}, nums.select("s", "id").join(right, new String[] {"id"}, "left_anti").columns());
  }

  @Test
  void conditionJoin_keepsSidesResolvable_andReportsAmbiguity() {
    Dataset<Row> a = nums.alias("a");
    Dataset<Row> b = nums.alias("b");
    Dataset<Row> joined = a.join(b, a.col("id").lt(b.col("id")));
    assertArrayEquals(new String[] {"id", "d", "s", "id", "d", "s"}, joined.columns());
    List<Row> rows = joined.select(a.col("id").alias("x"), b.col("id").alias("y")).orderBy("x", "y").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(List.of(1, 2), List.of(rows.get(0).getInt(0), rows.get(0).getInt(1)));
    AnalysisException e = assertThrows(AnalysisException.class, () -> joined.col("id"));
    assertEquals("AMBIGUOUS_REFERENCE", e.getCondition());
  }

  @Test
  void missingColumn_suggestsTheNearestFirst() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> nums.col("idd"));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.getCondition());
    assertTrue(e.getMessage().contains("[`id`"), e.getMessage());
  }

  @Test
  void toDF_renamesPositionally_andChecksTheCount() {
    assertArrayEquals(new String[] {"a", "b", "c"}, nums.toDF("a", "b", "c").columns());
    assertThrows(IllegalArgumentException.class, () -> nums.toDF("a"));
  }

  @Test
  void collectList_skipsNulls_andWindowFramesFollowRowsBetween() {
    List<Object> names = nums.agg(collect_list("s")).first().getList(0);
    names.sort(null);
    assertEquals(List.of("Alice", "x"), names);
    Dataset<Row> moving = nums.withColumn("m", sum("id").over(Window.orderBy("id").rowsBetween(-1, 0)));
    assertEquals(List.of(1L, 3L, 5L), column(moving.orderBy("id"), 3));
  }

  @Test
  void takeAndCollect_areRowArraysBehindObject_asInSparksJavaSignature() {
    Object taken = nums.orderBy("id").take(2);
    assertEquals(2, ((Row[]) taken).length);
    assertEquals(3, ((Row[]) nums.collect()).length);
  }

  /** A bean for createDataFrame(List, Class). */
  public static final class Item {
    private final String name;
    private final int qty;

    public Item(String name, int qty) {
      this.name = name;
      this.qty = qty;
    }

    public String getName() { return name; }
    public int getQty() { return qty; }
  }

  @Test
  void beans_becomeColumnsOrderedByPropertyName() {
    Dataset<Row> df = spark.createDataFrame(List.of(new Item("pen", 3)), Item.class);
    assertEquals("struct<name:string,qty:int>", df.schema().simpleString());
    assertEquals(false, df.schema().fields()[1].nullable());
    assertEquals(3, df.first().getInt(1));
  }

  @Test
  void groupByMissingName_isUnresolvedWithSuggestion_andAggMapNamesLikeSpark() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> nums.groupBy("idd").count());
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.getCondition());
    Dataset<Row> m = nums.groupBy("s").agg(new java.util.LinkedHashMap<>(Map.of("id", "max")));
    assertArrayEquals(new String[] {"s", "max(id)"}, m.columns());
  }

  @Test
  void withColumns_evaluatesEveryExpressionOnTheOriginalColumns() {
    Dataset<Row> swapped = nums.select("id", "d").withColumns(new java.util.LinkedHashMap<>(
        Map.of("id", col("d").cast("int"), "d", col("id").cast("double"))));
    Row r = swapped.orderBy("d").first();
    assertEquals(2, r.getInt(0));
    assertEquals(1.0, r.getDouble(1));
  }

  /** A bean with a no-argument constructor and setters, for Encoders.bean. */
  public static final class Person {
    private String name;
    private int age;

    public Person() {}

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public int getAge() { return age; }
    public void setAge(int age) { this.age = age; }
  }

  @Test
  void encoders_readRowsAsBeansAndValues_andTypedFiltersKeepTheType() {
    Dataset<Integer> ints = spark.createDataset(List.of(3, 1, 2), Encoders.INT());
    assertEquals("struct<value:int>", ints.schema().simpleString());
    Dataset<Integer> big = ints.filter(col("value").geq(2)).orderBy("value");
    assertEquals(List.of(2, 3), big.collectAsList());
    Dataset<Person> people = nums.select(col("s").alias("name"), col("id").alias("age")).filter(col("name").isNotNull())
        .as(Encoders.bean(Person.class)).orderBy("age");
    List<Person> list = people.collectAsList();
    assertEquals(List.of("Alice", "x"), List.of(list.get(0).getName(), list.get(1).getName()));
    assertEquals(3, list.get(1).getAge());
    AnalysisException e = assertThrows(AnalysisException.class, () -> nums.select("s").as(Encoders.bean(Person.class)));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.getCondition());
    NullPointerException npe = assertThrows(NullPointerException.class,
        () -> nums.select(col("s").alias("name"), lit(null).cast("int").alias("age")).as(Encoders.bean(Person.class)).first());
    assertTrue(npe.getMessage().contains("age"), npe.getMessage());
  }

  @Test
  void nullArguments_failNamingTheArgument() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> functions.col(null));
    assertEquals("name", e.getMessage());
    assertThrows(NullPointerException.class, () -> nums.join(null, col("id").equalTo(1)));
    assertThrows(NullPointerException.class, () -> nums.filter((Column) null));
  }

  @Test
  void createDataFrame_takesArrayAndStructValues() {
    StructType inner = new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);
    StructType schema = new StructType().add("tags", DataTypes.createArrayType(DataTypes.StringType))
        .add("st", DataTypes.structOf(inner));
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(List.of("x", "y"), RowFactory.create(1, "p")),
        RowFactory.create(List.of(), null)), schema);
    assertEquals("struct<tags:array<string>,st:struct<a:int,b:string>>", df.schema().simpleString());
    List<Row> rows = df.collectAsList();
    assertEquals(List.of("x", "y"), rows.get(0).getList(0));
    assertEquals("p", rows.get(0).getStruct(1).getString(1));
    assertEquals(List.of(), rows.get(1).getList(0));
    assertTrue(rows.get(1).isNullAt(1));
  }
}
