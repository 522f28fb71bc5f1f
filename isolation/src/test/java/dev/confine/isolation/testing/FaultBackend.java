package dev.confine.isolation.testing;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.Handle;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A PROCESS-scoped test backend whose calls misbehave on purpose, to inject faults into worker
 * processes: print to stdout from Java and from native code, segfault, hang, exit, run out of
 * memory, corrupt the protocol. Only ever run it in a child process.
 */
public class FaultBackend implements Backend<FaultBackend.State> {
  public static final String ID = "confine-test-faults";
  /** Config key: a file; if it exists when the backend opens, it is deleted and the worker exits (code 42). */
  public static final String EXIT_ONCE_MARKER = "exit-once-marker";
  /** Config key: if set, every open exits the worker (code 43). */
  public static final String ALWAYS_EXIT = "always-exit";

  /** The state: a plain counter, enough to see that calls ran. */
  public static final class State {
    long calls;
  }

  interface Libc extends Library {
    long write(int fd, byte[] buf, long count);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.PROCESS;
  }

  @Override
  public State open(BackendConfig config) throws Exception {
    if (config.get(ALWAYS_EXIT).isPresent()) {
      Runtime.getRuntime().halt(43);
    }
    var marker = config.get(EXIT_ONCE_MARKER);
    if (marker.isPresent() && Files.deleteIfExists(Path.of(marker.get()))) {
      System.err.println("fault backend: exiting during the handshake as asked");
      Runtime.getRuntime().halt(42);
    }
    return new State();
  }

  @Override
  public void close(State state) {}

  @Override
  public TypeRegistry types() {
    return TypeRegistry.newBuilder()
        .register(Echo.class)
        .register(Pid.class)
        .register(PrintToStdout.class)
        .register(Segfault.class)
        .register(Block.class)
        .register(Halt.class)
        .register(ExhaustMemory.class)
        .register(CorruptProtocol.class)
        .register(OpenThing.class)
        .register(UseThing.class)
        .register(ThingOwnerPid.class)
        .build();
  }

  /** Returns its text. */
  public record Echo(String text) implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      state.calls++;
      return text;
    }
  }

  /** Returns the worker's pid. */
  public record Pid() implements Call<State, Long> {
    @Override
    public Long apply(State state, CallContext context) {
      return ProcessHandle.current().pid();
    }
  }

  /** Prints {@code text} to stdout from Java and from native code (libc write to fd 1). */
  public record PrintToStdout(String text) implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      System.out.println("java says: " + text);
      System.out.flush();
      byte[] bytes = ("native says: " + text + "\n").getBytes(StandardCharsets.UTF_8);
      Native.load("c", Libc.class).write(1, bytes, bytes.length);
      return "printed";
    }
  }

  /** Reads address 0 in native code: SIGSEGV, the JVM crashes. */
  public record Segfault() implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      return "read " + new Pointer(0).getLong(0);
    }
  }

  /** Blocks for {@code millis}, ignoring interrupts and its deadline (a hung native call). */
  public record Block(long millis) implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      long until = System.nanoTime() + millis * 1_000_000L;
      while (System.nanoTime() < until) {
        LockSupport.parkNanos(1_000_000);
      }
      return "unblocked";
    }
  }

  /** Exits the worker at once with {@code code}. */
  public record Halt(int code) implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      Runtime.getRuntime().halt(code);
      return "unreachable";
    }
  }

  /** Allocates until the heap is gone. */
  public record ExhaustMemory() implements Call<State, Integer> {
    @Override
    public Integer apply(State state, CallContext context) {
      List<long[]> hog = new ArrayList<>();
      while (true) {
        hog.add(new long[1 << 20]);
      }
    }
  }

  /** Writes stray bytes to the protocol's own descriptor, as a buggy library might. */
  public record CorruptProtocol() implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) throws Exception {
      String fd = System.getProperty("confine.worker.protocolFd");
      try (OutputStream o = new FileOutputStream("/proc/self/fd/" + fd)) {
        o.write("Hello from a library that thinks stdout is a terminal\n".getBytes(StandardCharsets.UTF_8));
      }
      return "corrupted";
    }
  }

  /** Opens a handle. */
  public record OpenThing(String name) implements Call<State, Handle> {
    @Override
    public Handle apply(State state, CallContext context) {
      return context.handles().register("thing", name);
    }
  }

  /** The pid of the worker that holds a handle (fails with a handle-lost error if none does). */
  public record ThingOwnerPid(Handle thing) implements Call<State, Long> {
    @Override
    public Long apply(State state, CallContext context) {
      context.handles().get(thing, String.class);
      return ProcessHandle.current().pid();
    }

    @Override
    public Handle handle() {
      return thing;
    }
  }

  /** Uses a handle. */
  public record UseThing(Handle thing) implements Call<State, String> {
    @Override
    public String apply(State state, CallContext context) {
      return context.handles().get(thing, String.class);
    }

    @Override
    public Handle handle() {
      return thing;
    }
  }
}
