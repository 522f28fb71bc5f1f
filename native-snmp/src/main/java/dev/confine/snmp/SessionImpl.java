package dev.confine.snmp;

import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.snmp.internal.Calls;
import dev.confine.snmp.internal.Wire;
import dev.confine.snmp.internal.Wire.VarBindData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The {@link SnmpSession} behind {@link SnmpClient#open(Target)}; thread-safe (the engine locks the native session). */
final class SessionImpl implements SnmpSession {
  private static final int MAX_BINDINGS = 1024;
  private static final int MAX_BYTES = 65535;

  private final ClientCore core;
  private final Target target;
  private final Handle handle;
  private final Object closeLock = new Object();
  private volatile boolean closed; // set once, under closeLock

  SessionImpl(ClientCore core, Target target, Handle handle) {
    this.core = core;
    this.target = target;
    this.handle = handle;
  }

  @Override
  public Target target() {
    return target;
  }

  @Override
  public VarBind get(Oid oid) {
    Objects.requireNonNull(oid, "oid");
    return get(List.of(oid)).get(0);
  }

  @Override
  public List<VarBind> get(List<Oid> oids) {
    return send(Wire.GET, 0, 0, nulls(oids));
  }

  @Override
  public List<VarBind> getNext(List<Oid> oids) {
    return send(Wire.GETNEXT, 0, 0, nulls(oids));
  }

  @Override
  public List<VarBind> getBulk(int nonRepeaters, int maxRepetitions, List<Oid> oids) {
    requireBulk();
    if (nonRepeaters < 0 || nonRepeaters > MAX_BINDINGS || maxRepetitions < 0 || maxRepetitions > MAX_BINDINGS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "GETBULK needs nonRepeaters and maxRepetitions in 0..%d, got %d and %d", MAX_BINDINGS, nonRepeaters, maxRepetitions));
    }
    return send(Wire.GETBULK, nonRepeaters, maxRepetitions, nulls(oids));
  }

  @Override
  public List<VarBind> set(List<VarBind> bindings) {
    Objects.requireNonNull(bindings, "bindings");
    checkCount(bindings.size());
    List<VarBindData> data = new ArrayList<>(bindings.size());
    for (VarBind vb : bindings) {
      data.add(Values.toWire(Objects.requireNonNull(vb, "binding"), MAX_BYTES));
    }
    return send(Wire.SET, 0, 0, data);
  }

  @Override
  public Stream<VarBind> walk(Oid root) {
    Objects.requireNonNull(root, "root");
    checkOpen();
    return walkStream(root, last -> getNext(List.of(last)));
  }

  @Override
  public Stream<VarBind> bulkWalk(Oid root, int maxRepetitions) {
    Objects.requireNonNull(root, "root");
    requireBulk();
    if (maxRepetitions < 1 || maxRepetitions > MAX_BINDINGS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "maxRepetitions must be 1..%d: %d", MAX_BINDINGS, maxRepetitions));
    }
    checkOpen();
    return walkStream(root, last -> getBulk(0, maxRepetitions, List.of(last)));
  }

  @Override
  public List<TableRow> table(List<Oid> columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table needs at least one column OID");
    }
    TreeMap<Oid, Map<Oid, SnmpValue>> rows = new TreeMap<>();
    Map<Oid, long[]> indexes = new java.util.HashMap<>();
    for (Oid column : columns) {
      Objects.requireNonNull(column, "column");
      try (Stream<VarBind> cells = target.version() == SnmpVersion.V1 ? walk(column) : bulkWalk(column, 25)) {
        cells.forEach(
            vb -> {
              long[] index = vb.oid().suffixAfter(column);
              if (index.length == 0) {
                return;
              }
              Oid key = Oid.of(index);
              indexes.putIfAbsent(key, index);
              rows.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(column, vb.value());
            });
      }
    }
    List<TableRow> out = new ArrayList<>(rows.size());
    rows.forEach((k, cells) -> out.add(new TableRow(indexes.get(k), cells)));
    return out;
  }

  /** A lazy walk: each step asks for what follows the last OID seen and checks the order. */
  private Stream<VarBind> walkStream(Oid root, Function<Oid, List<VarBind>> next) {
    Iterator<VarBind> it =
        new Iterator<>() {
          private final ArrayDeque<VarBind> buffer = new ArrayDeque<>();
          private Oid last = root;
          private boolean done;

          @Override
          public boolean hasNext() {
            while (buffer.isEmpty() && !done) {
              fetch();
            }
            return !buffer.isEmpty();
          }

          private void fetch() {
            List<VarBind> batch;
            try {
              batch = next.apply(last);
            } catch (SnmpErrorStatusException e) {
              if (e.status() == 2 && target.version() == SnmpVersion.V1) { // noSuchName: the v1 end of the MIB
                done = true;
                return;
              }
              throw e;
            }
            if (batch.isEmpty()) {
              done = true;
              return;
            }
            for (VarBind vb : batch) {
              if (vb.value() instanceof SnmpValue.EndOfMibView || !vb.oid().startsWith(root) || vb.oid().equals(root)) {
                done = true;
                return;
              }
              if (vb.oid().compareTo(last) <= 0) {
                throw new SnmpException(
                    String.format(Locale.ROOT, "agent %s:%d returned a non-increasing OID %s after %s while walking %s; stopped to avoid an endless loop", target.host(), target.port(), vb.oid(), last, root));
              }
              last = vb.oid();
              buffer.add(vb);
            }
          }

          @Override
          public VarBind next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return buffer.poll();
          }
        };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  private List<VarBind> send(int command, int nonRepeaters, int maxRepetitions, List<VarBindData> data) {
    checkOpen();
    Wire.Response r;
    try {
      r = core.run(new Calls.Request(handle, command, nonRepeaters, maxRepetitions, data));
    } catch (HandleLostException e) {
      // Under child processes a dead worker's sessions are reopened by the isolation layer, which
      // replays the open on a healthy worker (the backend marks its handles reopenable); a lost
      // handle here means that replay failed, or the session was closed meanwhile.
      throw closed ? new IllegalStateException("session to " + target + " is closed", e) : e;
    }
    if (r.error() != null) {
      throw Errors.of(r.error(), r.message(), r.errorStatus(), r.errorIndex());
    }
    List<VarBind> out = new ArrayList<>(r.bindings().size());
    for (VarBindData d : r.bindings()) {
      out.add(Values.fromWire(d));
    }
    return out;
  }

  private List<VarBindData> nulls(List<Oid> oids) {
    Objects.requireNonNull(oids, "oids");
    checkCount(oids.size());
    List<VarBindData> out = new ArrayList<>(oids.size());
    for (Oid o : oids) {
      out.add(new VarBindData(Objects.requireNonNull(o, "oid").arcsUnsafe(), Wire.NULL, 0, null, null));
    }
    return out;
  }

  private static void checkCount(int n) {
    if (n < 1 || n > MAX_BINDINGS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "a request carries 1..%d bindings, got %d", MAX_BINDINGS, n));
    }
  }

  private void requireBulk() {
    if (target.version() == SnmpVersion.V1) {
      throw new IllegalArgumentException("GETBULK is not part of SNMPv1; use getNext/walk or a v2c/v3 target");
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("session to " + target + " is closed");
    }
  }

  @Override
  public void close() {
    closeQuietly();
  }

  void closeQuietly() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    core.forget(this);
    try {
      core.runEvenIfClosing(new Calls.CloseSession(handle));
    } catch (HandleLostException e) {
      // its worker is gone, and the native session with it
    }
  }

  @Override
  public String toString() {
    return "SnmpSession[" + target + "]";
  }
}
