package dev.confine.mockspark.conformance.programs;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small fixed data sets the programs share; built through createDataFrame(List<Row>, StructType). */
final class Data {
  private Data() {}

  static final StructType PEOPLE = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("name", DataTypes.StringType)
      .add("age", DataTypes.IntegerType)
      .add("dept", DataTypes.StringType)
      .add("salary", DataTypes.DoubleType);

  /** id, name, age (one null), dept (one null), salary (one null, one tie). */
  static Dataset<Row> people(SparkSession spark) {
    return spark.createDataFrame(Arrays.asList(
        RowFactory.create(1, "Alice", 34, "eng", 120.5),
        RowFactory.create(2, "Bob", 45, "eng", 99.0),
        RowFactory.create(3, "Carol", null, "sales", 75.25),
        RowFactory.create(4, "Dan", 28, "sales", 75.25),
        RowFactory.create(5, "Eve", 51, null, 150.0),
        RowFactory.create(6, "Frank", 28, "hr", null)), PEOPLE);
  }

  static final StructType DEPTS = new StructType()
      .add("dept", DataTypes.StringType)
      .add("floor", DataTypes.IntegerType);

  /** eng, sales, ops: hr has no row here, ops has no people. */
  static Dataset<Row> depts(SparkSession spark) {
    return spark.createDataFrame(Arrays.asList(
        RowFactory.create("eng", 3),
        RowFactory.create("sales", 2),
        RowFactory.create("ops", 1)), DEPTS);
  }

  static final StructType EVENTS = new StructType()
      .add("id", DataTypes.IntegerType)
      .add("day", DataTypes.StringType)
      .add("at", DataTypes.StringType)
      .add("amount", DataTypes.DoubleType);

  /** Dates and timestamps as ISO strings, converted by the programs. */
  static Dataset<Row> events(SparkSession spark) {
    return spark.createDataFrame(Arrays.asList(
        RowFactory.create(1, "2024-01-15", "2024-01-15 10:30:00", 10.0),
        RowFactory.create(2, "2024-02-29", "2024-02-29 23:59:59", 20.5),
        RowFactory.create(3, "2023-12-31", "2023-12-31 00:00:01", -5.0),
        RowFactory.create(4, null, null, null)), EVENTS);
  }

  static final StructType WORDS = new StructType()
      .add("id", DataTypes.IntegerType)
      .add("text", DataTypes.StringType);

  /** Strings with spaces, mixed case, separators, an empty string and a null. */
  static Dataset<Row> words(SparkSession spark) {
    return spark.createDataFrame(Arrays.asList(
        RowFactory.create(1, "  Hello World  "),
        RowFactory.create(2, "spark,duck,arrow"),
        RowFactory.create(3, "MixedCase123"),
        RowFactory.create(4, ""),
        RowFactory.create(5, null)), WORDS);
  }

  static final StructType SALES = new StructType()
      .add("region", DataTypes.StringType)
      .add("month", DataTypes.IntegerType)
      .add("amount", DataTypes.LongType);

  /** Two regions over months, with a tie in each for rank/dense_rank. */
  static Dataset<Row> sales(SparkSession spark) {
    return spark.createDataFrame(Arrays.asList(
        RowFactory.create("north", 1, 100L),
        RowFactory.create("north", 2, 150L),
        RowFactory.create("north", 3, 150L),
        RowFactory.create("north", 4, 80L),
        RowFactory.create("south", 1, 200L),
        RowFactory.create("south", 2, 50L),
        RowFactory.create("south", 3, 50L)), SALES);
  }

  static List<Row> rows(Object[]... rows) {
    return Arrays.stream(rows).map(RowFactory::create).toList();
  }
}
