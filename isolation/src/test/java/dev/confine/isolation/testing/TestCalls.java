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

  /**
   * System property naming a file through which {@link #releaseParked()} also reaches Parks in
   * child processes (the child-process tests pass it to their workers).
   */
  public static final String RELEASE_FILE_PROPERTY = "confine.test.parkReleaseFile";

  /**
   * Ends every {@link Park} created before this call, in this JVM and (through the release file)
   * in workers sharing it.
   */
  public static synchronized void releaseParked() {
    long generation = ++releaseGeneration;
    String file = System.getProperty(RELEASE_FILE_PROPERTY);
    if (file != null) {
      try {
        java.nio.file.Path tmp = java.nio.file.Path.of(file + ".tmp");
        java.nio.file.Files.writeString(tmp, Long.toString(generation));
        java.nio.file.Files.move(
            tmp, java.nio.file.Path.of(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** The latest release generation seen in this JVM or in the release file. */
  private static long currentGeneration() {
    long g = releaseGeneration;
    String file = System.getProperty(RELEASE_FILE_PROPERTY);
    if (file != null) {
      try {
        g = Math.max(g, Long.parseLong(java.nio.file.Files.readString(java.nio.file.Path.of(file)).trim()));
      } catch (java.io.IOException | NumberFormatException e) {
        // not released yet
      }
    }
    return g;
  }

  /** Reads the counter. */
  public record Read() implements Call<CounterState, Long> {
    @Override
    public Long apply(CounterState state, CallContext context) {
      return state.value();
    }
  }

  /**
   * Occupies its owner for up to {@code millis}, or until {@link #releaseParked()} is called after
   * the Park was created (counted in the caller's JVM, so a Park that starts late in a worker is
   * still released); returns "parked".
   */
  public record Park(long millis, long createdInGeneration) implements Call<CounterState, String> {
    public Park(long millis) {
      this(millis, currentGeneration());
    }

    @Override
    public String apply(CounterState state, CallContext context) {
      boolean viaFile = System.getProperty(RELEASE_FILE_PROPERTY) != null;
      long until = System.nanoTime() + millis * 1_000_000L;
      while (currentGeneration() <= createdInGeneration && System.nanoTime() < until) {
        LockSupport.parkNanos(viaFile ? 2_000_000 : 200_000);
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
