package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;

/** union / unionByName, distinct / dropDuplicates, ordering. */
final class SetPrograms {
  private SetPrograms() {}

  static void register(List<Case> all) {
    add(all, "set.unionKeepsDuplicates", s -> Data.people(s).select("dept").union(Data.depts(s).select("dept")));
    add(all, "set.unionAll", s -> Data.people(s).select("id").unionAll(Data.people(s).select("id")));
    add(all, "set.unionByPosition", s -> Data.people(s).select("name", "dept").union(Data.people(s).select("dept", "name")));
    add(all, "set.unionByName", s -> Data.people(s).select("name", "dept").unionByName(Data.people(s).select("dept", "name")));
    add(all, "set.unionByNameAllowMissing", s -> Data.people(s).select("id", "name")
        .unionByName(Data.depts(s).select(col("floor").alias("id")), true));
    add(all, "set.unionThenDistinct", s -> Data.people(s).select("dept").union(Data.depts(s).select("dept")).distinct());
    add(all, "set.intersect", s -> Data.people(s).select("dept").intersect(Data.depts(s).select("dept")));
    add(all, "set.except", s -> Data.people(s).select("dept").except(Data.depts(s).select("dept")));
    add(all, "set.distinct", s -> Data.people(s).select("age").distinct());
    add(all, "set.distinctCount", s -> Data.people(s).select("dept").distinct().count());
    add(all, "set.dropDuplicatesAll", s -> Data.people(s).select("age", "salary").union(Data.people(s).select("age", "salary")).dropDuplicates());
    add(all, "set.dropDuplicatesSubset", s -> Data.people(s).select("age").withColumn("one", lit(1))
        .dropDuplicates("age"));
    add(all, "order.asc", s -> Data.people(s).select("id", "name").orderBy(col("name"))).ordered();
    add(all, "order.desc", s -> Data.people(s).select("id", "name").orderBy(col("name").desc())).ordered();
    add(all, "order.byString", s -> Data.people(s).select("id", "salary").orderBy("salary", "id")).ordered();
    add(all, "order.sortAlias", s -> Data.people(s).select("id", "dept").sort(col("dept").asc_nulls_last(), col("id").desc())).ordered();
    add(all, "order.multiKeyMixed", s -> Data.sales(s).orderBy(col("amount").desc(), col("region").asc(), col("month"))).ordered();
    add(all, "order.thenLimit", s -> Data.sales(s).orderBy(col("amount"), col("month")).limit(3)).ordered();
    add(all, "order.expression", s -> Data.people(s).select("id", "age").orderBy(col("age").multiply(-1).asc_nulls_last(), col("id"))).ordered();
  }
}
