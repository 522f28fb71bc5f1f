package dev.confine.snmp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a table read by columns: the row index (the OID arcs after each column's OID) and
 * the value of each requested column present in that row. Immutable and thread-safe.
 */
public final class TableRow {
  private final long[] index;
  private final Map<Oid, SnmpValue> cells;

  TableRow(long[] index, Map<Oid, SnmpValue> cells) {
    this.index = index.clone();
    this.cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
  }

  /** The row index arcs (e.g. {@code [2]} for ifIndex 2). */
  public long[] index() {
    return index.clone();
  }

  /** Column OID to value; a column the agent does not have in this row is absent. */
  public Map<Oid, SnmpValue> cells() {
    return cells;
  }

  /** The value of {@code column} in this row, or null if absent. */
  public SnmpValue get(Oid column) {
    return cells.get(Objects.requireNonNull(column, "column"));
  }

  @Override
  public String toString() {
    return "TableRow" + Arrays.toString(index) + cells;
  }
}
