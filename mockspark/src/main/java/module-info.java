/** Confine mockspark: Spark's Java API on embedded DuckDB. */
module dev.confine.mockspark {
  requires transitive dev.confine.isolation;
  requires transitive java.sql;

  exports dev.confine.mockspark.sql;
  exports dev.confine.mockspark.sql.types;
  exports dev.confine.mockspark.sql.catalog;
  exports dev.confine.mockspark.sql.expressions;
}
