package dev.confine.snmp;

import dev.confine.core.BackendConfig;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.Deadline;
import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.HandleTable;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import dev.confine.snmp.internal.Calls;
import dev.confine.snmp.internal.NetSnmpBackend;
import dev.confine.snmp.internal.NetSnmpEngine;
import dev.confine.snmp.internal.Wire;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Runs the backend's calls either directly on the caller's thread (the default in-module mode,
 * where the engine's own locks make it safe) or through an {@link Isolated} front. Thread-safe.
 */
final class ClientCore {
  private final Isolated<NetSnmpEngine> isolated; // null in the in-module mode
  private final NetSnmpEngine engine; // null under a strategy
  private final DirectHandles directHandles;
  private final Duration callTimeout;
  private final Map<SessionImpl, Boolean> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClientCore(Isolated<NetSnmpEngine> isolated, NetSnmpEngine engine, Duration callTimeout) {
    this.isolated = isolated;
    this.engine = engine;
    this.directHandles = engine == null ? null : new DirectHandles();
    this.callTimeout = callTimeout;
  }

  static ClientCore open(Isolation strategy, List<Path> mibDirs, List<String> mibModules, Duration callTimeout) {
    BackendConfig config = BackendConfig.empty();
    if (!mibDirs.isEmpty()) {
      config = config.with(NetSnmpBackend.MIB_DIRS, mibDirs.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
    }
    if (!mibModules.isEmpty()) {
      config = config.with(NetSnmpBackend.MIB_MODULES, String.join(",", mibModules));
    }
    NetSnmpBackend backend = new NetSnmpBackend();
    if (strategy == null) {
      return new ClientCore(null, backend.open(config), callTimeout);
    }
    Isolated<NetSnmpEngine> iso;
    try {
      iso = Isolated.newBuilder(backend).strategy(strategy).config(config).defaultTimeout(callTimeout).name("net-snmp").open();
    } catch (BackendException e) {
      throw unwrap(e);
    }
    return new ClientCore(iso, null, callTimeout);
  }

  String mode() {
    return isolated == null ? "in-module" : isolated.strategy().name();
  }

  <R> R run(Call<NetSnmpEngine, R> call) {
    if (closed.get()) {
      throw new IllegalStateException("SnmpClient is closed");
    }
    return runEvenIfClosing(call);
  }

  /** As {@link #run}, also while {@link #close()} closes the sessions. */
  <R> R runEvenIfClosing(Call<NetSnmpEngine, R> call) {
    if (isolated == null) {
      Deadline deadline = Deadline.after(callTimeout);
      try {
        return call.apply(engine, new DirectContext(deadline, directHandles));
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new SnmpException(e.toString(), e);
      }
    }
    try {
      return isolated.call(call);
    } catch (BackendException e) {
      throw unwrap(e);
    }
  }

  /** A backend's IllegalArgument/IllegalState exceptions reach the caller as themselves, whatever the strategy. */
  private static RuntimeException unwrap(BackendException e) {
    if (e.getCause() instanceof RuntimeException r && (r instanceof IllegalArgumentException || r instanceof IllegalStateException || r instanceof SnmpException)) {
      return r;
    }
    if (e.isA(IllegalArgumentException.class)) {
      return new IllegalArgumentException(e.remoteMessage(), e);
    }
    if (e.isA(IllegalStateException.class)) {
      return new IllegalStateException(e.remoteMessage(), e);
    }
    return new SnmpException(e.remoteType() + ": " + e.remoteMessage(), e);
  }

  SnmpSession open(Target target) {
    Wire.SessionSpec spec = spec(target);
    Wire.Opened o = run(new Calls.OpenSession(spec));
    if (o.handle() == null) {
      throw Errors.of(o.error(), o.message(), 0, 0);
    }
    SessionImpl s = new SessionImpl(this, target, o.handle());
    sessions.put(s, Boolean.TRUE);
    if (closed.get()) {
      s.close();
      throw new IllegalStateException("SnmpClient is closed");
    }
    return s;
  }

  void forget(SessionImpl s) {
    sessions.remove(s);
  }

  Oid resolve(String name) {
    Wire.Resolved r = run(new Calls.ResolveName(name));
    if (r.oid() == null) {
      throw new IllegalArgumentException(r.message());
    }
    return Oid.of(r.oid());
  }

  String name(Oid oid) {
    return run(new Calls.PrintName(oid.arcsUnsafe()));
  }

  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    RuntimeException first = null;
    for (SessionImpl s : List.copyOf(sessions.keySet())) {
      try {
        s.closeQuietly();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (isolated != null) {
      isolated.close();
    }
    if (first != null) {
      throw first;
    }
  }

  private static Wire.SessionSpec spec(Target t) {
    UsmUser u = t.user();
    return new Wire.SessionSpec(
        t.host(),
        t.port(),
        t.version().wire,
        t.community(),
        u == null ? null : u.securityName(),
        u == null ? 0 : u.level().wire,
        u == null || u.authProtocol() == null ? null : u.authProtocol().oid,
        u == null ? null : u.authPassphrase(),
        u == null || u.privProtocol() == null ? null : u.privProtocol().oid,
        u == null ? null : u.privPassphrase(),
        Math.max(1, t.timeout().toNanos() / 1000),
        t.retries(),
        t.maxResponseSize());
  }

  private record DirectContext(Deadline deadline, HandleTable handles) implements CallContext {
    @Override
    public int owner() {
      return 0;
    }
  }

  /** The handle table of the in-module mode: sessions by handle id, closed when removed. */
  private static final class DirectHandles implements HandleTable {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Object> byId = new ConcurrentHashMap<>();

    @Override
    public Handle register(String kind, Object resource) {
      Handle h = new Handle(ids.incrementAndGet(), kind);
      byId.put(h.id(), resource);
      return h;
    }

    @Override
    public <T> T get(Handle handle, Class<T> type) {
      Object o = byId.get(handle.id());
      if (o == null) {
        throw new HandleLostException(String.format(Locale.ROOT, "%s is not open (closed already?)", handle));
      }
      return type.cast(o);
    }

    @Override
    public boolean close(Handle handle) throws Exception {
      Object o = byId.remove(handle.id());
      if (o instanceof AutoCloseable c) {
        c.close();
      }
      return o != null;
    }

    @Override
    public int size() {
      return byId.size();
    }
  }
}
