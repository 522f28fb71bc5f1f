package dev.confine.isolation.testing;

import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.Handle;
import dev.confine.core.TypeRegistry;
import java.util.concurrent.locks.LockSupport;

/** The calls of the test backends: Jackson records, so they cross process boundaries too. */
public final class TestCalls {
  private TestCalls() {}

  /** Bumped by {@link #releaseParked()} to end every {@link Park} in this JVM early. */
  private static volatile long releaseGeneration;

  /** Ends every {@link Park} running or about to run in this JVM. */
  public static void releaseParked() {
    releaseGeneration++;
  }

  /** Reads the counter. */
  public record Read() implements Call<CounterState, Long> {
    @Override
    public Long apply(CounterState state, CallContext context) {
      return state.value();
    }
  }

  /** Occupies its owner for up to {@code millis}, or until {@link #releaseParked()}; returns "parked". */
  public record Park(long millis) implements Call<CounterState, String> {
    @Override
    public String apply(CounterState state, CallContext context) {
      long generation = releaseGeneration;
      long until = System.nanoTime() + millis * 1_000_000L;
      while (releaseGeneration == generation && System.nanoTime() < until) {
        LockSupport.parkNanos(200_000);
      }
      return "parked";
    }
  }

  /** Throws {@link IllegalStateException} with {@code message}. */
  public record Fail(String message) implements Call<CounterState, String> {
    @Override
    public String apply(CounterState state, CallContext context) {
      throw new IllegalStateException(message);
    }
  }

  /** Throws an {@link Error}, which must not kill the owner. */
  public record ThrowError(String message) implements Call<CounterState, String> {
    @Override
    public String apply(CounterState state, CallContext context) {
      throw new AssertionError(message);
    }
  }

  /** Where a call ran. */
  public record Location(long pid, int owner, String thread, String session) {}

  /** Reports where it ran. */
  public record WhereAmI() implements Call<CounterState, Location> {
    @Override
    public Location apply(CounterState state, CallContext context) {
      return new Location(ProcessHandle.current().pid(), context.owner(), Thread.currentThread().getName(), null);
    }
  }

  /** A stateful handle resource; remembers the thread that opened it. */
  public static final class Session implements AutoCloseable {
    final String name;
    final Thread openedOn = Thread.currentThread();
    volatile boolean closed;

    Session(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Opens a session handle on the owner it runs on. */
  public record OpenSession(String name) implements Call<CounterState, Handle> {
    @Override
    public Handle apply(CounterState state, CallContext context) {
      return context.handles().register("session", new Session(name));
    }
  }

  /** Uses a session: fails if it runs on a thread other than the one that opened it. */
  public record UseSession(Handle session) implements Call<CounterState, Location> {
    @Override
    public Location apply(CounterState state, CallContext context) {
      Session s = context.handles().get(session, Session.class);
      return new Location(
          ProcessHandle.current().pid(), context.owner(), Thread.currentThread().getName(), s.name);
    }

    @Override
    public Handle handle() {
      return session;
    }
  }

  /** Closes a session; true if it was open. */
  public record CloseSession(Handle session) implements Call<CounterState, Boolean> {
    @Override
    public Boolean apply(CounterState state, CallContext context) throws Exception {
      return context.handles().close(session);
    }

    @Override
    public Handle handle() {
      return session;
    }
  }

  /** The allow-list shared by both test backends. */
  public static final TypeRegistry REGISTRY =
      TypeRegistry.newBuilder()
          .register(Increment.class)
          .register("Increment.Result", Increment.Result.class)
          .register(Read.class)
          .register(Park.class)
          .register(Fail.class)
          .register(ThrowError.class)
          .register(WhereAmI.class)
          .register(Location.class)
          .register(OpenSession.class)
          .register(UseSession.class)
          .register(CloseSession.class)
          .build();
}
