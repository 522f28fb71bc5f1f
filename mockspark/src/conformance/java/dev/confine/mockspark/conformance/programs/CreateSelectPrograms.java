package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Creating frames (rows + schema, beans, range) and projecting them. */
final class CreateSelectPrograms {
  private CreateSelectPrograms() {}

  /** A Java bean for createDataFrame(List, Class): Spark orders bean columns by property name. */
  public static final class Person implements Serializable {
    private static final long serialVersionUID = 1L;
    private String name;
    private int age;
    private Double score;

    public Person() {}

    Person(String name, int age, Double score) {
      this.name = name;
      this.age = age;
      this.score = score;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getAge() {
      return age;
    }

    public void setAge(int age) {
      this.age = age;
    }

    public Double getScore() {
      return score;
    }

    public void setScore(Double score) {
      this.score = score;
    }
  }

  static void register(List<Case> all) {
    add(all, "create.rowsAndSchema", Data::people);
    add(all, "create.emptyWithSchema", s -> s.createDataFrame(List.<Row>of(), Data.PEOPLE));
    add(all, "create.allTypes", s -> s.createDataFrame(List.of(
        RowFactory.create(1, 2L, 3.5, 4.5f, "x", true, (short) 7, (byte) 8)),
        new StructType().add("i", DataTypes.IntegerType).add("l", DataTypes.LongType)
            .add("d", DataTypes.DoubleType).add("f", DataTypes.FloatType).add("s", DataTypes.StringType)
            .add("b", DataTypes.BooleanType).add("sh", DataTypes.ShortType).add("by", DataTypes.ByteType)));
    add(all, "create.fromBeans", s -> s.createDataFrame(Arrays.asList(
        new Person("Ann", 30, 1.5), new Person("Ben", 40, null)), Person.class));
    add(all, "create.range", s -> s.range(5).toDF());
    add(all, "create.rangeStartEndStep", s -> s.range(2, 20, 5).toDF());
    add(all, "create.schemaColumns", s -> {
      Dataset<Row> df = Data.people(s);
      return Arrays.asList(df.columns());
    });
    add(all, "create.count", s -> Data.people(s).count());

    add(all, "select.columnsByName", s -> Data.people(s).select("name", "age"));
    add(all, "select.columnsByColumn", s -> Data.people(s).select(col("id"), col("salary")));
    add(all, "select.arithmetic", s -> Data.people(s)
        .select(col("id"), col("age").plus(1).alias("next"), col("salary").multiply(2).alias("double"),
            col("id").minus(10).alias("minus")));
    add(all, "select.literal", s -> Data.people(s).select(col("id"), lit("x").alias("tag"), lit(7).alias("seven")));
    add(all, "select.withColumn", s -> Data.people(s).withColumn("older", col("age").plus(10)));
    add(all, "select.withColumnReplace", s -> Data.people(s).withColumn("age", col("age").multiply(2)));
    add(all, "select.withColumnRenamed", s -> Data.people(s).withColumnRenamed("name", "who"));
    add(all, "select.drop", s -> Data.people(s).drop("salary", "dept"));
    add(all, "select.whenOtherwise", s -> Data.people(s).select(col("id"),
        when(col("age").geq(40), "senior").when(col("age").lt(30), "junior").otherwise("mid").alias("band")));
    add(all, "select.whenNoOtherwise", s -> Data.people(s).select(col("id"),
        when(col("dept").equalTo("eng"), 1).alias("is_eng")));
    add(all, "select.expr", s -> Data.people(s).select(col("id"), expr("age * 2 + 1").alias("e")));
    add(all, "select.selectExpr", s -> Data.people(s).selectExpr("id", "upper(name) as up"));
    add(all, "select.limit", s -> Data.people(s).orderBy(col("id")).limit(2)).ordered();
    add(all, "select.first", s -> Data.people(s).orderBy(col("id").desc()).first().getString(1));
    add(all, "select.divideDoubles", s -> Data.people(s).select(col("id"), col("salary").divide(4).alias("q")));
    add(all, "select.intDivideGivesDouble", s -> Data.people(s).select(col("id"), col("id").divide(2).alias("h")));
    add(all, "select.mod", s -> Data.people(s).select(col("id"), col("id").mod(3).alias("m")));
    add(all, "select.booleanColumn", s -> Data.people(s).select(col("id"), col("age").gt(30).alias("over30")));
  }
}
