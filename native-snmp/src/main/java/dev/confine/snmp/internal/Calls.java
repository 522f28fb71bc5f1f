package dev.confine.snmp.internal;

import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.Handle;
import dev.confine.snmp.internal.Wire.Opened;
import dev.confine.snmp.internal.Wire.Resolved;
import dev.confine.snmp.internal.Wire.Response;
import dev.confine.snmp.internal.Wire.SessionSpec;
import dev.confine.snmp.internal.Wire.VarBindData;
import java.util.List;

/**
 * The backend's calls: plain records (listed in {@link NetSnmpBackend#types()}) so they cross into
 * child-process workers. Each runs on the owner the strategy picks and takes the locks {@link
 * Locking} lists for its native calls.
 */
public final class Calls {
  private Calls() {}

  /** The handle kind of a native session. */
  public static final String SESSION = "snmp-session";

  /** Opens a session; the result carries its handle or the error. */
  public record OpenSession(SessionSpec spec) implements Call<NetSnmpEngine, Opened> {
    @Override
    public Opened apply(NetSnmpEngine engine, CallContext context) {
      NetSnmpEngine.OpenOutcome o = engine.openSession(spec, context.deadline());
      if (o.session() == null) {
        return new Opened(null, o.error(), o.message());
      }
      return new Opened(context.handles().register(SESSION, o.session()), null, null);
    }
  }

  /** One GET / GETNEXT / GETBULK / SET on an open session. */
  public record Request(Handle session, int command, int nonRepeaters, int maxRepetitions, List<VarBindData> bindings)
      implements Call<NetSnmpEngine, Response> {
    @Override
    public Response apply(NetSnmpEngine engine, CallContext context) {
      NativeSession s = context.handles().get(session, NativeSession.class);
      return engine.request(s, command, nonRepeaters, maxRepetitions, bindings, context.deadline());
    }

    @Override
    public Handle handle() {
      return session;
    }
  }

  /** Closes a session (idempotent). */
  public record CloseSession(Handle session) implements Call<NetSnmpEngine, Boolean> {
    @Override
    public Boolean apply(NetSnmpEngine engine, CallContext context) throws Exception {
      return context.handles().close(session);
    }

    @Override
    public Handle handle() {
      return session;
    }
  }

  /** Prints arcs with MIB names. */
  public record PrintName(long[] oid) implements Call<NetSnmpEngine, String> {
    @Override
    public String apply(NetSnmpEngine engine, CallContext context) {
      return engine.print(oid, context.deadline());
    }
  }

  /** Resolves a MIB name to arcs. */
  public record ResolveName(String name) implements Call<NetSnmpEngine, Resolved> {
    @Override
    public Resolved apply(NetSnmpEngine engine, CallContext context) {
      return engine.resolve(name, context.deadline());
    }
  }
}
