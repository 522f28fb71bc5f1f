package dev.confine.snmp;

import java.util.List;
import java.util.stream.Stream;

/**
 * One SNMP session to one agent (one native Net-SNMP session). Opened by {@link
 * SnmpClient#open(Target)}.
 *
 * <p><b>Concurrency:</b> thread-safe. Requests on one session run one at a time (the native session
 * must not be used concurrently); requests on different v1/v2c sessions run in parallel in the
 * default mode. In one process, the library's work on SNMPv3 messages (encrypting, checking) is
 * serialized process-wide (Net-SNMP 5.9's USM state is global) but the wait for an answer is not, so
 * v3 requests of different sessions wait on the network together; a session's first v3 request
 * (engine-id discovery) is serialized whole. Under {@code Isolation.childProcesses(n)} v3 runs in
 * parallel across workers.
 * A walk's stream issues its requests lazily as it is consumed, from the consuming thread.
 *
 * <p>After {@link #close()} every method throws {@link IllegalStateException}; closing twice is a
 * no-op.
 */
public interface SnmpSession extends AutoCloseable {

  /** The target this session talks to. */
  Target target();

  /** GET of one OID. */
  VarBind get(Oid oid);

  /** GET of several OIDs in one request; results in request order. */
  List<VarBind> get(List<Oid> oids);

  /** GETNEXT of several OIDs in one request. */
  List<VarBind> getNext(List<Oid> oids);

  /** GETBULK (v2c/v3 only). */
  List<VarBind> getBulk(int nonRepeaters, int maxRepetitions, List<Oid> oids);

  /** SET of the given bindings; returns the agent's response bindings. */
  List<VarBind> set(List<VarBind> bindings);

  /**
   * Walks the subtree under {@code root} with GETNEXT, lazily: each element needs at most one
   * request. Fails with {@link SnmpException} if the agent returns a non-increasing OID. Close
   * the stream (or consume it fully) to end it; the session stays open.
   */
  Stream<VarBind> walk(Oid root);

  /** As {@link #walk(Oid)} with GETBULK, {@code maxRepetitions} bindings a request (v2c/v3 only). */
  Stream<VarBind> bulkWalk(Oid root, int maxRepetitions);

  /** Reads the table whose columns are {@code columns} (column OIDs, e.g. ifDescr and ifType), row by row. */
  List<TableRow> table(List<Oid> columns);

  /** Closes the native session. Idempotent. */
  @Override
  void close();
}
