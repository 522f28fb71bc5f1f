package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.StructType;

/**
 * How values of type T map to rows, as Spark's {@code Encoder}; obtain one from {@link Encoders}. Implementations
 * are immutable and thread-safe; only the ones {@link Encoders} returns are supported.
 */
public interface Encoder<T> {
  /** The columns a value of T becomes. */
  StructType schema();
}
