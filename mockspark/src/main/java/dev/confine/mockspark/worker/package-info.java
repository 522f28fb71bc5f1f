/**
 * Internal (not exported): what a mockspark session runs in its child-process worker under
 * {@code config("confine.isolation", "child-processes")}: the DuckDB backend the worker opens by id, the call and
 * result records that cross the process boundary (the backend's allow-list), and the typed cell codec.
 */
package dev.confine.mockspark.worker;
