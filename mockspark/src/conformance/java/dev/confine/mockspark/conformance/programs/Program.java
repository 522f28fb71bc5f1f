package dev.confine.mockspark.conformance.programs;

import org.apache.spark.sql.SparkSession;

/**
 * A conformance program: written once against Spark's Java API; the build compiles it a second time
 * with {@code org.apache.spark.sql} replaced by {@code dev.confine.mockspark.sql}. It returns a
 * {@code Dataset<Row>} (collected by the suite) or a plain value (a count, a boolean, a list).
 */
@FunctionalInterface
interface Program {
  Object run(SparkSession spark) throws Exception;
}
