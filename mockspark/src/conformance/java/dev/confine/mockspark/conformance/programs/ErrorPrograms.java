package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.List;

/** Errors: Spark's error classes (conditions) for the mistakes tests make most. */
final class ErrorPrograms {
  private ErrorPrograms() {}

  static void register(List<Case> all) {
    add(all, "error.tableNotFound", s -> s.table("e_missing_table")).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "error.tableNotFoundInSql", s -> s.sql("SELECT * FROM e_missing_table")).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "error.tableNotFoundQualified", s -> s.table("default.e_missing")).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "error.schemaNotFoundTable", s -> s.table("e_no_db.t")).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "error.unresolvedColumnSelect", s -> Data.people(s).select(col("nmae")))
        .error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.unresolvedColumnFilter", s -> Data.people(s).filter(col("agee").gt(1)))
        .error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.unresolvedColumnSqlString", s -> Data.people(s).filter("salaryy > 1"))
        .error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.unresolvedColumnInSql", s -> {
      Data.people(s).createOrReplaceTempView("e_people");
      return s.sql("SELECT nmae FROM e_people");
    }).error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.unresolvedColumnGroupBy", s -> Data.people(s).groupBy("deptt").count())
        .error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.unresolvedColumnOrderBy", s -> Data.people(s).orderBy(col("xyz")))
        .error("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    add(all, "error.divideByZeroAnsi", s -> Data.people(s).select(expr("id / 0"))).error("DIVIDE_BY_ZERO");
    add(all, "error.integerDivideByZeroAnsi", s -> Data.people(s).select(expr("id div 0"))).error("DIVIDE_BY_ZERO");
    add(all, "error.columnDivideByZeroAnsi", s -> Data.people(s).select(col("id"), col("id").divide(lit(0)).alias("q")))
        .error("DIVIDE_BY_ZERO");
    add(all, "error.tryDivideByZeroIsNull", s -> Data.people(s).select(col("id"), expr("try_divide(id, 0)").alias("q")));
    add(all, "error.sqlParseError", s -> s.sql("SELEC 1")).error("PARSE_SYNTAX_ERROR");
    add(all, "error.unionDifferentColumnCount", s -> Data.people(s).select("id").union(Data.people(s).select("id", "name")))
        .error("NUM_COLUMNS_MISMATCH");
    add(all, "error.dropMissingDatabase", s -> s.sql("DROP DATABASE e_never_db")).error("SCHEMA_NOT_FOUND");
    add(all, "error.createTableTwiceSql", s -> {
      s.sql("CREATE TABLE e_twice (id INT) USING parquet");
      return s.sql("CREATE TABLE e_twice (id INT) USING parquet");
    }).error("TABLE_OR_VIEW_ALREADY_EXISTS").cleanup("DROP TABLE IF EXISTS e_twice");
    add(all, "error.unknownFunctionInSql", s -> s.sql("SELECT no_such_fn(1)")).error("UNRESOLVED_ROUTINE");
  }
}
