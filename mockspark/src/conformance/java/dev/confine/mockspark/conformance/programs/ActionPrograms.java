package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/** Actions and Row accessors users call directly, schema inspection, arrays and structs. */
final class ActionPrograms {
  private ActionPrograms() {}

  static void register(List<Case> all) {
    add(all, "action.take", s -> Arrays.asList(Data.people(s).orderBy("id").take(2)));
    add(all, "action.head", s -> Arrays.asList(Data.people(s).orderBy(col("id").desc()).head(3)));
    add(all, "action.isEmpty", s -> List.of(Data.people(s).isEmpty(), Data.people(s).filter(col("id").gt(9)).isEmpty()));
    add(all, "action.rowGetters", s -> {
      Row r = Data.people(s).filter(col("id").equalTo(1)).first();
      return List.of(r.getInt(0), r.getString(1), r.getAs("dept"), r.getDouble(4), r.size(), r.isNullAt(2));
    });
    add(all, "action.rowFieldIndex", s -> Data.people(s).first().fieldIndex("age"));
    add(all, "action.schemaSimpleString", s -> Data.people(s).schema().simpleString());
    add(all, "action.schemaNullableFlags", s -> {
      List<Object> flags = new ArrayList<>();
      for (StructField f : Data.people(s).schema().fields()) {
        flags.add(f.name() + ":" + f.nullable());
      }
      return flags;
    });
    add(all, "action.columnsAfterOps", s -> Arrays.asList(Data.people(s).withColumn("x", col("id")).drop("age")
        .withColumnRenamed("name", "n").columns()));
    add(all, "action.countAfterJoin", s -> {
      Dataset<Row> p = Data.people(s);
      return p.join(Data.depts(s), "dept").count();
    });
    add(all, "action.collectAsListSize", s -> Data.sales(s).filter(col("region").equalTo("north")).collectAsList().size());
    add(all, "select.explodeSplit", s -> Data.words(s).filter(col("id").equalTo(2))
        .select(col("id"), explode(split(col("text"), ",")).alias("w")));
    add(all, "select.arrayAndSize", s -> Data.people(s).select(col("id"), array(col("id"), col("age")).alias("arr"),
        size(split(col("name"), "l")).alias("parts")));
    add(all, "select.structAndField", s -> Data.people(s).select(struct(col("id"), col("name")).alias("s"))
        .select(col("s.name"), col("s")));
  }
}
