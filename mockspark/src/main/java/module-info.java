/** Confine mockspark: Spark's Java API on embedded DuckDB. */
module dev.confine.mockspark {
  requires transitive dev.confine.isolation;
  requires transitive java.sql;
  // Dataset.toArrowReader hands out Arrow readers and takes the caller's allocator
  requires transitive org.apache.arrow.vector;
  requires transitive org.apache.arrow.memory.core;

  exports dev.confine.mockspark.sql;
  exports dev.confine.mockspark.sql.types;
  exports dev.confine.mockspark.sql.catalog;
  exports dev.confine.mockspark.sql.expressions;

  // the worker records cross the process boundary as JSON
  opens dev.confine.mockspark.worker to com.fasterxml.jackson.databind;

  // the session database a child-process worker opens by id (confine.isolation=child-processes)
  provides dev.confine.core.Backend with dev.confine.mockspark.worker.DuckDbWorkerBackend;
}
