package dev.confine.isolation.worker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.Backends;
import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.Deadline;
import dev.confine.core.Handle;
import dev.confine.core.HandleTable;
import dev.confine.core.TypeRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main class of a child-process worker (internal; started by the parent, never by users).
 *
 * <p>Runs on one thread: reads frames from stdin, applies each call to the one opened state, and
 * answers on the protocol descriptor. Before anything else it moves the protocol off fd 1 at the
 * descriptor level, so nothing printed to stdout, by Java or by native code, can corrupt it. It
 * exits by itself when stdin reaches end of stream, when its parent process changes, or (exit code
 * {@value Frames#EXIT_WATCHDOG_TIMEOUT}) when a call overruns its deadline plus the grace period.
 */
public final class WorkerMain {
  /** System property a test can read to find the protocol's descriptor. */
  public static final String PROTOCOL_FD_PROPERTY = "confine.worker.protocolFd";

  /**
   * Set by the parent when its launcher already moved the protocol to this descriptor and pointed
   * fd 1 at stderr before the JVM started; the worker then only opens it.
   */
  public static final String PROTOCOL_FD_MOVED_PROPERTY = "confine.worker.protocolFdMoved";

  /** Test only: keep the protocol on fd 1, to show what the descriptor move prevents. */
  public static final String UNSAFE_KEEP_STDOUT_PROPERTY = "confine.worker.unsafeKeepStdout";

  private WorkerMain() {}

  /** The few libc functions needed to move the protocol off fd 1. */
  interface Libc extends Library {
    int dup(int fd);

    int dup2(int from, int to);
  }

  /**
   * First argument of a training run: loads the classes a worker needs to start and serve, without
   * opening the backend, then exits normally so that {@code -XX:ArchiveClassesAtExit} can write them.
   */
  public static final String TRAIN_ARGUMENT = "--train-class-archive";

  public static void main(String[] args) {
    if ((args.length == 2 || args.length == 3) && TRAIN_ARGUMENT.equals(args[0])) {
      System.exit(train(args[1], args.length == 3 ? args[2] : null));
    }
    if (args.length != 2 && args.length != 3) {
      System.err.println(
          "usage: WorkerMain <backend-id> <worker-id> [<backend-class>] (started by Confine's child-process strategy)");
      System.exit(Frames.EXIT_BAD_ARGUMENTS);
    }
    // Jackson's ObjectMapper takes ~70 ms to set up in a fresh JVM (its default date format loads the
    // JDK's CLDR locale data); done here on a second thread, it overlaps the handshake and the
    // backend's open, and READY still waits for it, so a READY worker serves at full speed.
    MapperWarmUp warmUp = new MapperWarmUp();
    warmUp.start();
    OutputStream protocol = takeProtocolDescriptor();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(protocol, 1 << 16));
    // Straight on fd 0, not on System.in: a buffer over System.in's own buffer asks the kernel how
    // many bytes are waiting (fstat and ioctl) after every read that did not fill it, so per call.
    DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(java.io.FileDescriptor.in), 1 << 16));
    int code;
    try {
      String backendClass = args.length == 3 ? args[2] : null;
      code = new WorkerMain.Loop(args[0], backendClass, Integer.parseInt(args[1]), in, out, warmUp).run();
    } catch (Throwable t) {
      System.err.println("confine worker: fatal: " + t);
      t.printStackTrace(System.err);
      code = Frames.EXIT_PROTOCOL_ERROR;
    }
    System.err.flush();
    // halt: the backend may have left non-daemon threads behind
    Runtime.getRuntime().halt(code);
  }

  /**
   * Walks the start-up and serving path short of opening the backend, so that the archive holds
   * every class of this module (and the Jackson machinery) a worker needs to start and to serve a
   * call: the call is a training record of this class's own, served by the real loop. A worker
   * that must load a class from the class path first opens the class path's jar, the largest part
   * of a large jar's start-up (~35 ms for one with 100,000 entries).
   */
  private static int train(String backendId, String backendClass) {
    try {
      Map<String, Object> hello = new LinkedHashMap<>();
      hello.put("maxFrameBytes", 1 << 20);
      hello.put("config", Map.of("k", "v"));
      Init init = Init.parse(Wire.json(hello));
      MapperWarmUp warmUp = new MapperWarmUp(); // constructed, not started: Wire.warmUp runs below
      Wire.warmUp();
      Backend<?> backend = findBackend(backendId, backendClass);
      // made and dropped: what matters is the classes they load, which the archive then holds
      BackendConfig.of(init.config());
      new Wire(backend.types(), backendId);
      Wire.decodeError(Wire.encodeError(new IllegalStateException("training"), List.of(), List.of()));
      Wire wire = new Wire(TypeRegistry.newBuilder().register(TrainingCall.class).build(), backendId);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      DataOutputStream sink = new DataOutputStream(bytes);
      Frames.write(sink, Frames.READY, 0, Wire.json(Map.of("version", 1, "pid", ownPid())));
      Frames.write(sink, Frames.CALL, 1, wire.encodeCall(new TrainingCall("training", 1), 60_000));
      sink.flush();
      DataInputStream source = new DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
      Loop loop = new Loop(backendId, backendClass, 0, source, sink, warmUp);
      new ParentWatch(-1);
      new Watchdog(loop, 0);
      Frames.read(source, 1 << 20);
      Wire.prepare(TrainingCall.class); // what prepareWhileIdle does for a call type
      Wire.prepare(Init.class); // and for any other type
      loop.serve(wire, null, new WorkerHandles(0, 0), Frames.read(source, 1 << 20));
      return 0;
    } catch (Throwable t) {
      System.err.println("confine worker: class-archive training failed: " + t);
      return 1;
    }
  }

  /** The call a training run serves. */
  record TrainingCall(String text, long number) implements Call<Object, String> {
    @Override
    public String apply(Object state, CallContext context) {
      return text + context.deadline().remaining().isNegative() + number;
    }
  }

  /**
   * The backend the parent named: by id, and when the parent also named the class it holds, by
   * that class, so that only its provider is instantiated (the others on the class path would each
   * load and initialise their classes on the way to READY).
   */
  private static Backend<?> findBackend(String backendId, String backendClass) {
    return backendClass == null ? Backends.find(backendId) : Backends.find(backendId, backendClass);
  }

  /**
   * Gives the protocol a private duplicate of fd 1 and points fd 1 at stderr, so that any later
   * write to fd 1 (System.out, a native printf) lands in stderr. Falls back to redirecting only
   * {@code System.out} if libc cannot be reached, and says so.
   */
  private static OutputStream takeProtocolDescriptor() {
    System.out.flush();
    if (Boolean.getBoolean(UNSAFE_KEEP_STDOUT_PROPERTY)) {
      // test only: shows what the descriptor move prevents
      System.err.println("confine worker: UNSAFE: the protocol stays on fd 1 (confine.worker.unsafeKeepStdout)");
      return new FileOutputStream(java.io.FileDescriptor.out);
    }
    String moved = System.getProperty(PROTOCOL_FD_MOVED_PROPERTY);
    if (moved != null) {
      try {
        int fd = Integer.parseInt(moved);
        // opening /dev/fd/N of a pipe opens the same pipe (Linux, macOS)
        OutputStream o = new FileOutputStream("/dev/fd/" + fd);
        System.setProperty(PROTOCOL_FD_PROPERTY, Integer.toString(fd));
        System.setOut(new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true));
        return o;
      } catch (IOException | RuntimeException e) {
        // fd 1 is stderr already: there is no protocol to fall back to
        System.err.println("confine worker: cannot open the protocol descriptor " + moved + " the launcher prepared: " + e);
        System.err.flush();
        Runtime.getRuntime().halt(Frames.EXIT_PROTOCOL_ERROR);
      }
    }
    try {
      Libc libc = Native.load("c", Libc.class);
      int privateFd = libc.dup(1);
      if (privateFd < 0 || libc.dup2(2, 1) < 0) {
        throw new IOException("dup/dup2 failed");
      }
      System.setProperty(PROTOCOL_FD_PROPERTY, Integer.toString(privateFd));
      // Linux: opening /proc/self/fd/N of a pipe opens the same pipe
      OutputStream o = new FileOutputStream("/proc/self/fd/" + privateFd);
      System.setOut(new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true));
      return o;
    } catch (Throwable t) {
      System.err.println(
          "confine worker: could not move the protocol off fd 1 ("
              + t
              + "); only System.out is redirected, so native writes to stdout will corrupt the"
              + " protocol");
      PrintStream original = System.out;
      System.setOut(System.err);
      return original;
    }
  }

  /**
   * This process's id. On Linux from the {@code /proc/self} link, which costs nothing at start-up;
   * {@code ProcessHandle} initialises a thread pool and several lambdas on first use.
   */
  static long ownPid() {
    try {
      return Long.parseLong(new java.io.File("/proc/self").getCanonicalFile().getName());
    } catch (IOException | RuntimeException e) {
      // not Linux: ask the JDK
    }
    return ProcessHandle.current().pid();
  }

  /** Sets up {@link Wire}'s mapper (a class, not a lambda: a cold JVM's first lambda costs ~10 ms). */
  private static final class MapperWarmUp extends Thread {
    MapperWarmUp() {
      super("confine-worker-json-warm-up");
      setDaemon(true);
    }

    @Override
    public void run() {
      Wire.warmUp();
    }
  }

  /** The INIT frame's fields, read with jackson-core's streaming parser so that the mapper is not needed yet. */
  record Init(int maxFrameBytes, long graceMillis, long handleIdBase, Map<String, String> config, long parentPid) {
    static Init parse(byte[] payload) throws IOException {
      int maxFrame = 16 << 20;
      long grace = 5_000;
      long idBase = 0;
      long parentPid = -1;
      Map<String, String> config = new LinkedHashMap<>();
      try (JsonParser p = new JsonFactory().createParser(payload)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new Frames.ProtocolException("INIT is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          switch (field) {
            case "maxFrameBytes" -> maxFrame = p.getValueAsInt(maxFrame);
            case "graceMillis" -> grace = p.getValueAsLong(grace);
            case "handleIdBase" -> idBase = p.getValueAsLong(0);
            case "parentPid" -> parentPid = p.getValueAsLong(-1);
            case "config" -> {
              if (value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String key = p.currentName();
                  JsonToken v = p.nextToken();
                  config.put(key, v.isScalarValue() ? p.getValueAsString("") : "");
                  p.skipChildren();
                }
              } else {
                p.skipChildren();
              }
            }
            default -> p.skipChildren();
          }
        }
      }
      return new Init(maxFrame, grace, idBase, config, parentPid);
    }
  }

  /** The serving loop; one instance per worker process. */
  private static final class Loop {
    private final String backendId;
    private final String backendClass;
    private final int workerId;
    private final DataInputStream in;
    private final DataOutputStream out;
    /** Deadline (System.nanoTime) past which the watchdog exits the worker; 0 when idle. */
    private volatile long killAtNanos;

    private final MapperWarmUp warmUp;

    Loop(String backendId, String backendClass, int workerId, DataInputStream in, DataOutputStream out, MapperWarmUp warmUp) {
      this.backendId = backendId;
      this.backendClass = backendClass;
      this.workerId = workerId;
      this.in = in;
      this.out = out;
      this.warmUp = warmUp;
    }

    @SuppressWarnings("unchecked")
    int run() throws Exception {
      Frames.Frame init = Frames.read(in, 1 << 20);
      if (init == null) {
        return Frames.EXIT_OK; // parent went away before the handshake
      }
      if (init.type() != Frames.INIT) {
        throw new Frames.ProtocolException("expected INIT, got frame type " + init.type());
      }
      Init hello = Init.parse(init.payload());
      int maxFrame = hello.maxFrameBytes();
      long idBase = hello.handleIdBase();
      Map<String, String> cfg = hello.config();
      startParentWatch(hello.parentPid());
      startWatchdog(hello.graceMillis());

      int version = Integer.getInteger("confine.worker.testProtocolVersion", Frames.PROTOCOL_VERSION);
      Backend<Object> backend;
      Object state;
      try {
        backend = (Backend<Object>) findBackend(backendId, backendClass);
        state = backend.open(BackendConfig.of(cfg));
      } catch (Throwable t) {
        Frames.write(out, Frames.OPEN_FAILED, 0, Wire.encodeError(t, List.of(), List.of()));
        return Frames.EXIT_OK;
      }
      warmUp.join();
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("version", version);
      ready.put("backendId", backendId);
      ready.put("pid", ownPid());
      Frames.write(out, Frames.READY, 0, Wire.json(ready));

      Wire wire = new Wire(backend.types(), backendId);
      prepareWhileIdle(wire);
      WorkerHandles handles = new WorkerHandles(idBase, workerId);
      try {
        while (true) {
          Frames.Frame f = Frames.read(in, maxFrame);
          if (f == null || f.type() == Frames.SHUTDOWN) {
            return Frames.EXIT_OK;
          }
          if (f.type() != Frames.CALL) {
            throw new Frames.ProtocolException("unexpected frame type " + f.type() + " from the parent");
          }
          serve(wire, state, handles, f);
        }
      } finally {
        killAtNanos = 0;
        handles.closeAll();
        try {
          backend.close(state);
        } catch (Exception e) {
          System.err.println("confine worker: closing backend '" + backendId + "' failed: " + e);
        }
      }
    }

    /**
     * After READY and until the first call arrives, prepares the mapper for the backend's types
     * one at a time on this thread, so that a pool opened ahead of its work serves its first call
     * without Jackson's introspection. Done here rather than beside the loop on another thread: a
     * call that arrives meanwhile waits for at most the one type under way, instead of sharing
     * the CPU and Jackson's caches with a second thread.
     */
    private void prepareWhileIdle(Wire wire) throws IOException {
      for (Class<?> type : wire.registeredTypes()) {
        if (in.available() > 0) {
          return;
        }
        Wire.prepare(type);
      }
    }

    private void serve(Wire wire, Object state, WorkerHandles handles, Frames.Frame f) throws IOException {
      handles.beginCall();
      byte type;
      byte[] body;
      try {
        Wire.DecodedCall dc = wire.decodeCall(f.payload());
        handles.reopenAs = dc.reopenAs();
        long timeout = dc.timeoutMillis() <= 0 ? Long.MAX_VALUE / 4 : dc.timeoutMillis();
        Deadline deadline = Deadline.after(Duration.ofMillis(timeout));
        killAtNanos = timeout >= Long.MAX_VALUE / 4 ? 0 : System.nanoTime() + Duration.ofMillis(timeout).toNanos();
        Object result;
        try {
          result = dc.call().apply(state, new Context(deadline, handles, workerId));
        } finally {
          killAtNanos = 0;
        }
        body = wire.encodeResult(result, handles.opened, handles.closed);
        type = Frames.RESULT;
      } catch (Throwable t) {
        body = Wire.encodeError(t, handles.opened, handles.closed);
        type = Frames.ERROR;
      }
      System.out.flush();
      Frames.write(out, type, f.requestId(), body);
    }

    private void startParentWatch(long parentPid) {
      new ParentWatch(parentPid).start();
    }

    private void startWatchdog(long graceMillis) {
      new Watchdog(this, graceMillis).start();
    }
  }

  /**
   * Exits the worker when its parent process changes (the parent died and the child was
   * re-parented). Checks once a second, the first time a second after start: querying the parent
   * initialises the JDK's process-handle machinery (a thread pool, several lambdas), which would
   * otherwise compete with the worker's start-up for the CPU.
   */
  private static final class ParentWatch extends Thread {
    private final long parentPid;

    ParentWatch(long parentPid) {
      super("confine-worker-parent-watch");
      this.parentPid = parentPid;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (true) {
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException e) {
          return;
        }
        long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (parentPid > 0 && now != parentPid) {
          System.err.println("confine worker: parent process " + parentPid + " is gone; exiting");
          Runtime.getRuntime().halt(Frames.EXIT_PARENT_GONE);
        }
      }
    }
  }

  /** Exits the worker when a call runs past its deadline plus the grace period. */
  private static final class Watchdog extends Thread {
    private final Loop loop;
    private final long graceNanos;
    private final long graceMillis;

    Watchdog(Loop loop, long graceMillis) {
      super("confine-worker-watchdog");
      this.loop = loop;
      this.graceNanos = Duration.ofMillis(graceMillis).toNanos();
      this.graceMillis = graceMillis;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (true) {
        long at = loop.killAtNanos;
        if (at != 0 && System.nanoTime() - at > graceNanos) {
          System.err.printf(
              Locale.ROOT,
              "confine worker: a call ran %d ms past its deadline (grace %d ms); exiting with code %d%n",
              (System.nanoTime() - at) / 1_000_000,
              graceMillis,
              Frames.EXIT_WATCHDOG_TIMEOUT);
          System.err.flush();
          Runtime.getRuntime().halt(Frames.EXIT_WATCHDOG_TIMEOUT);
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private record Context(Deadline deadline, HandleTable handles, int owner) implements CallContext {}

  /**
   * The worker's handles. Used only by the serving thread. Ids start at a base the parent chose,
   * so they never collide with another worker's.
   */
  private static final class WorkerHandles extends HandleMap {
    private long nextId;
    final List<Handle> opened = new ArrayList<>();
    final List<Long> closed = new ArrayList<>();
    /** If not 0, the id the next registered handle takes (a handle reopened from a dead worker). */
    long reopenAs;

    WorkerHandles(long base, int workerId) {
      super("worker", workerId);
      this.nextId = base;
    }

    void beginCall() {
      opened.clear();
      closed.clear();
    }

    @Override
    protected long nextId() {
      long id = reopenAs != 0 ? reopenAs : ++nextId;
      reopenAs = 0;
      return id;
    }

    @Override
    protected void opened(Handle handle) {
      opened.add(handle);
    }

    @Override
    protected void closed(Handle handle) {
      closed.add(handle.id());
    }

    void closeAll() {
      closeAll((handle, e) -> System.err.println("confine worker: closing " + handle + " failed: " + e));
    }
  }
}
