package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Joins of every type, on using-columns and on a condition. */
final class JoinPrograms {
  private JoinPrograms() {}

  static void register(List<Case> all) {
    for (String type : List.of("inner", "left", "right", "full", "outer", "left_outer", "right_outer",
        "full_outer", "left_semi", "semi", "left_anti", "anti", "leftsemi", "leftanti")) {
      add(all, "join.using." + type, s ->
          Data.people(s).select("id", "name", "dept").join(Data.depts(s), new String[] {"dept"}, type));
    }
    for (String type : List.of("inner", "left", "right", "full", "left_semi", "left_anti")) {
      add(all, "join.condition." + type, s -> {
        Dataset<Row> p = Data.people(s).select("id", "name", "dept");
        Dataset<Row> d = Data.depts(s);
        Dataset<Row> joined = p.join(d, p.col("dept").equalTo(d.col("dept")), type);
        // semi and anti joins return only the left side's columns
        return type.startsWith("left_") ? joined : joined.select(p.col("id"), p.col("name"), d.col("floor"));
      });
    }
    add(all, "join.usingSingleColumnDefaultInner", s ->
        Data.people(s).select("id", "dept").join(Data.depts(s), "dept"));
    add(all, "join.cross", s -> Data.people(s).select("id").crossJoin(Data.depts(s).select("floor")));
    add(all, "join.crossType", s -> {
      Dataset<Row> p = Data.people(s).select("id");
      Dataset<Row> d = Data.depts(s).select("floor");
      return p.join(d, p.col("id").lt(d.col("floor")), "cross");
    });
    add(all, "join.nonEquiCondition", s -> {
      Dataset<Row> p = Data.people(s).select("id", "age");
      Dataset<Row> d = Data.depts(s);
      return p.join(d, p.col("id").equalTo(d.col("floor")).and(p.col("age").gt(30)), "inner")
          .select(p.col("id"), d.col("dept"));
    });
    add(all, "join.selfJoinAliases", s -> {
      Dataset<Row> a = Data.people(s).alias("a");
      Dataset<Row> b = Data.people(s).alias("b");
      return a.join(b, a.col("age").equalTo(b.col("age")).and(a.col("id").lt(b.col("id"))))
          .select(a.col("name").alias("first"), b.col("name").alias("second"));
    });
    add(all, "join.nullKeysDoNotMatch", s -> {
      Dataset<Row> p = Data.people(s).select("id", "dept");
      Dataset<Row> q = Data.people(s).select("dept", "name");
      return p.join(q, new String[] {"dept"}, "inner");
    });
  }
}
