package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.List;

/** filter / where with Column predicates and SQL strings. */
final class FilterPrograms {
  private FilterPrograms() {}

  static void register(List<Case> all) {
    add(all, "filter.gt", s -> Data.people(s).filter(col("age").gt(30)));
    add(all, "filter.ltGeqLeq", s -> Data.people(s).filter(col("age").lt(40).and(col("id").geq(2)).and(col("id").leq(5))));
    add(all, "filter.equalTo", s -> Data.people(s).filter(col("dept").equalTo("eng")));
    add(all, "filter.notEqual", s -> Data.people(s).filter(col("dept").notEqual("eng")));
    add(all, "filter.or", s -> Data.people(s).filter(col("age").equalTo(28).or(col("name").equalTo("Eve"))));
    add(all, "filter.not", s -> Data.people(s).filter(not(col("dept").equalTo("sales"))));
    add(all, "filter.isin", s -> Data.people(s).filter(col("id").isin(1, 3, 5)));
    add(all, "filter.isinStrings", s -> Data.people(s).filter(col("dept").isin("hr", "sales")));
    add(all, "filter.between", s -> Data.people(s).filter(col("age").between(28, 40)));
    add(all, "filter.sqlString", s -> Data.people(s).filter("age > 30 AND dept = 'eng'"));
    add(all, "filter.where", s -> Data.people(s).where(col("salary").gt(100)));
    add(all, "filter.whereSqlString", s -> Data.people(s).where("name LIKE 'A%' OR name LIKE '%e'"));
    add(all, "filter.like", s -> Data.people(s).filter(col("name").like("%a%")));
    add(all, "filter.rlike", s -> Data.people(s).filter(col("name").rlike("^[A-C]")));
    add(all, "filter.startsEndsContains", s -> Data.people(s)
        .filter(col("name").startsWith("F").or(col("name").endsWith("ol")).or(col("name").contains("ob"))));
    add(all, "filter.chained", s -> Data.people(s).filter(col("age").isNotNull()).filter(col("salary").lt(100)));
    add(all, "filter.noMatch", s -> Data.people(s).filter(col("id").gt(100)));
    add(all, "filter.onDerivedColumn", s -> Data.people(s).withColumn("a2", col("age").multiply(2)).filter(col("a2").gt(60)));
  }
}
