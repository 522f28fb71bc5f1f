package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import java.util.Map;

/** Nulls: predicates, ordering, coalesce, na functions, three-valued logic, aggregates. */
final class NullPrograms {
  private NullPrograms() {}

  static void register(List<Case> all) {
    add(all, "null.isNull", s -> Data.people(s).filter(col("age").isNull()));
    add(all, "null.isNotNull", s -> Data.people(s).filter(col("dept").isNotNull()));
    add(all, "null.comparisonDropsNulls", s -> Data.people(s).filter(col("age").notEqual(28)));
    add(all, "null.equalityWithNullIsNull", s -> Data.people(s).select(col("id"), col("age").equalTo(lit(null)).alias("eq")));
    add(all, "null.eqNullSafe", s -> Data.people(s).select(col("id"), col("dept").eqNullSafe(lit(null)).alias("eq")));
    add(all, "null.coalesce", s -> Data.people(s).select(col("id"), coalesce(col("dept"), lit("none")).alias("d")));
    add(all, "null.coalesceNumbers", s -> Data.people(s).select(col("id"), coalesce(col("salary"), col("age"), lit(0)).alias("v")));
    add(all, "null.naFillNumber", s -> Data.people(s).na().fill(0));
    add(all, "null.naFillString", s -> Data.people(s).na().fill("unknown"));
    add(all, "null.naFillColumns", s -> Data.people(s).na().fill(-1, new String[] {"age"}));
    add(all, "null.naFillMap", s -> Data.people(s).na().fill(Map.<String, Object>of("dept", "x", "salary", 1.0)));
    add(all, "null.naDropAny", s -> Data.people(s).na().drop());
    add(all, "null.naDropAll", s -> Data.people(s).select("age", "dept").na().drop("all"));
    add(all, "null.naDropSubset", s -> Data.people(s).na().drop(new String[] {"salary"}));
    add(all, "null.orderAscNullsFirstDefault", s -> Data.people(s).select("id", "age").orderBy(col("age").asc(), col("id"))).ordered();
    add(all, "null.orderDescNullsLastDefault", s -> Data.people(s).select("id", "age").orderBy(col("age").desc(), col("id"))).ordered();
    add(all, "null.orderAscNullsLast", s -> Data.people(s).select("id", "age").orderBy(col("age").asc_nulls_last(), col("id"))).ordered();
    add(all, "null.orderDescNullsFirst", s -> Data.people(s).select("id", "age").orderBy(col("age").desc_nulls_first(), col("id"))).ordered();
    add(all, "null.aggregatesSkipNulls", s -> Data.people(s).agg(count("age"), sum("age"), avg("age"), max("salary")));
    add(all, "null.groupByNullKey", s -> Data.people(s).groupBy("dept").agg(count("*").alias("n")));
    add(all, "null.arithmeticWithNull", s -> Data.people(s).select(col("id"), col("age").plus(col("salary")).alias("x")));
    add(all, "null.andOrThreeValued", s -> Data.people(s).select(col("id"),
        col("age").gt(30).and(col("dept").equalTo("eng")).alias("a"),
        col("age").gt(30).or(col("dept").equalTo("eng")).alias("o")));
  }
}
