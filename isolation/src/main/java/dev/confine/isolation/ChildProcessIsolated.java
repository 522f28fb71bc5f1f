package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.BreakerOpenException;
import dev.confine.core.Call;
import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallRejectedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Deadline;
import dev.confine.core.Handle;
import dev.confine.core.WorkerCrashedException;
import dev.confine.isolation.worker.Frames;
import dev.confine.isolation.worker.WorkerMain;
import dev.confine.isolation.worker.Wire;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of worker JVMs ("slots"), each a long-lived sender thread that owns one child process at a
 * time, replaces it when it dies or is recycled, and feeds it calls from the slot's own bounded
 * queue. A reader thread per child completes calls from its answers, except those a caller that
 * wrote its own call reads itself (see isolation/CONCURRENCY.md); a stderr thread per child
 * forwards its lines to the log. A watchdog kills children that stay silent past a call's deadline
 * plus the grace period.
 */
final class ChildProcessIsolated<S> extends AbstractIsolated<S> {
  /** The POSIX shell that moves the protocol off fd 1 before the worker JVM starts. */
  private static final java.io.File SHELL = new java.io.File("/bin/sh");
  /** Where the shell puts the protocol's pipe. */
  private static final int LAUNCHER_PROTOCOL_FD = 3;

  private static final Logger log = LoggerFactory.getLogger(ChildProcessIsolated.class);
  /** How often idle sender threads look at their worker, and the watchdog at deadlines. */
  private static final long TICK_MILLIS = 50;

  /**
   * How long a caller whose call is next to run (written straight to an idle worker, or alone in
   * the queue) keeps the CPU before parking; callers queued behind others park at once. A round
   * trip through a worker takes tens of microseconds, and a park/unpark hand-off from the reply
   * reader to a parked caller adds a wake-up of similar size on small machines. A caller that
   * wrote its own call reads its own answer meanwhile; one whose call was queued yields, which
   * lets the reader thread run on its CPU. Only while replies have lately come back within this
   * window: callers of slow calls park at once and cost no CPU.
   */
  static final long CALLER_YIELD_NANOS = 300_000;

  /** A moving average of recent round trips (parent-side, send to reply decoded). */
  private volatile long recentRoundTripNanos;

  private final ChildProcessStrategy strategy;
  private final ChildProcessOptions cpo;
  private final Wire wire;
  private final List<Slot> slots = new ArrayList<>();
  private final AtomicInteger nextStart = new AtomicInteger();
  private final AtomicLong restarts = new AtomicLong();
  private final AtomicLong handleBases = new AtomicLong();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ScheduledExecutorService watchdog;
  private volatile long closeDeadlineNanos;
  /**
   * For a backend whose handles are reopenable: the call that opened each open handle, replayed on
   * a healthy worker when the handle's worker dies.
   */
  private final ConcurrentHashMap<Long, Call<S, ?>> openedBy = new ConcurrentHashMap<>();
  /** Reopen calls in flight or queued, with the handle id each must register. */
  private final Map<CallTask<S, ?>, Long> reopening = new ConcurrentHashMap<>();

  private ChildProcessIsolated(ChildProcessStrategy strategy, Backend<S> backend, IsolatedOptions options) {
    super(backend, options);
    this.strategy = strategy;
    this.cpo = strategy.options();
    this.wire = new Wire(backend.types(), backend.id());
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "confine-" + options.name() + "-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  static <S> ChildProcessIsolated<S> open(ChildProcessStrategy strategy, Backend<S> backend, IsolatedOptions options) {
    ChildProcessIsolated<S> isolated = new ChildProcessIsolated<>(strategy, backend, options);
    isolated.start();
    return isolated;
  }

  private void start() {
    for (int i = 0; i < strategy.workers(); i++) {
      slots.add(new Slot(i));
    }
    // warm start: every worker starts now, in parallel, before the first call
    slots.forEach(s -> s.sender.start());
    watchdog.scheduleWithFixedDelay(this::killOverdueWorkers, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    long waitNanos = cpo.startupTimeout().toNanos() * 2;
    long until = System.nanoTime() + waitNanos;
    try {
      for (Slot s : slots) {
        s.firstReady.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      close();
      Throwable c = e.getCause();
      throw c instanceof ConfineException ce ? ce : new BackendException(c);
    } catch (TimeoutException e) {
      close();
      throw new CallTimeoutException(
          String.format(
              Locale.ROOT,
              "'%s': %d worker(s) of backend '%s' did not all become ready within %s",
              options.name(),
              slots.size(),
              backend.id(),
              cpo.startupTimeout()));
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new CallInterruptedException("interrupted while starting workers of '" + options.name() + "'", e);
    }
  }

  // ---- calls ----

  @Override
  <R> R execute(Call<S, R> call, Deadline deadline) {
    checkRegistered(call);
    Slot slot = route(call);
    CallTask<S, R> task = new CallTask<>(call, deadline);
    long yield = recentRoundTripNanos < CALLER_YIELD_NANOS ? CALLER_YIELD_NANOS : 0;
    Worker direct = slot.trySendDirect(task, yield > 0);
    if (direct != null) {
      return yield > 0 ? readOwnReplyThenAwait(direct, task, yield) : await(task, true, 0);
    }
    boolean alone = slot.enqueue(task);
    return await(task, alone, yield);
  }

  /**
   * The caller of a call it wrote itself reads the answer from the worker's stdout on its own
   * thread, for up to {@code yieldNanos}, yielding the CPU between looks; then it leaves the
   * stream to the worker's reader thread and waits as any caller does. A round trip then involves
   * two threads, the caller and the worker's, as a bare pipe ping-pong does: a third (the reader
   * thread, woken by the answer, then completing the caller's future) costs a scheduling delay on
   * small machines that is larger than the rest of the round trip.
   */
  private <R> R readOwnReplyThenAwait(Worker w, CallTask<S, R> task, long yieldNanos) {
    try {
      long until = System.nanoTime() + yieldNanos;
      while (!task.future.isDone()) {
        int read = w.readAnswerIfThere();
        if (read == Frames.MALFORMED || System.nanoTime() - until >= 0) {
          break;
        }
        if (read == Frames.NOT_YET) {
          Thread.yield();
        }
      }
    } finally {
      int others = w.selfReaders.decrementAndGet();
      if (!task.future.isDone() || w.inflight.size() > others) {
        // an answer is still coming (this one, or one its caller gave up on): the reader's now
        LockSupport.unpark(w.reader);
      }
    }
    return await(task, false, 0);
  }

  @Override
  <R> CompletableFuture<R> executeAsync(Call<S, R> call, Deadline deadline) {
    checkRegistered(call);
    CallTask<S, R> task = new CallTask<>(call, deadline);
    try {
      Slot slot = route(call);
      CompletableFuture<R> pub = publicFuture(task);
      slot.enqueue(task);
      return pub;
    } catch (ConfineException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void checkRegistered(Call<S, ?> call) {
    if (backend.types().nameOf(call.getClass()).isEmpty()) {
      // encodeCall says what is wrong and how to fix it
      wire.encodeCall(call, 0);
    }
  }

  private Slot route(Call<S, ?> call) {
    Handle handle = call.handle();
    if (handle != null) {
      Slot s = slots.get(routing.ownerOf(handle));
      s.checkBreaker();
      return s;
    }
    int n = slots.size();
    int start = Math.floorMod(nextStart.getAndIncrement(), n);
    Slot best = null;
    int bestLoad = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      Slot s = slots.get((start + i) % n);
      if (s.breakerOpen()) {
        continue;
      }
      int load = s.load.get();
      if (load < bestLoad) {
        best = s;
        bestLoad = load;
      }
    }
    if (best == null) {
      slots.get(start).checkBreaker();
      throw new BreakerOpenException("every worker of '" + options.name() + "' has its breaker open");
    }
    return best;
  }

  /** Watchdog: kills a child that has not answered a call by its deadline plus the grace period. */
  private void killOverdueWorkers() {
    long now = System.nanoTime();
    for (Slot s : slots) {
      Worker w = s.current;
      if (w == null || w.dead.get()) {
        continue;
      }
      for (InFlight f : w.inflight.values()) {
        if (now - f.killAtNanos > 0) {
          w.killReason =
              String.format(
                  Locale.ROOT,
                  "it did not answer call %s within its deadline plus the grace period %s, so the"
                      + " parent killed it",
                  f.task.call.getClass().getSimpleName(),
                  cpo.gracePeriod());
          w.process.destroyForcibly();
          break;
        }
      }
    }
  }

  /**
   * The handles of {@code dead}'s worker, which just died: reopenable ones are rebound at once to
   * a healthy slot (the dead one's replacement if no other), whose queue gets the call that opened
   * each, to run before any later call on it; the others are unbound, so calls on them fail with
   * {@link dev.confine.core.HandleLostException}. Returns how many were lost.
   */
  private int retireHandles(Slot dead) {
    if (!backend.handlesReopenable() || closed.get()) {
      return routing.unbindOwner(dead.index);
    }
    int lost = 0;
    for (Map.Entry<Long, Integer> e : routing.snapshot().entrySet()) {
      if (e.getValue() != dead.index) {
        continue;
      }
      long id = e.getKey();
      Call<S, ?> opener = openedBy.remove(id);
      Handle h = new Handle(id, "reopened");
      if (opener == null) {
        routing.unbind(h);
        lost++;
        continue;
      }
      Slot target = dead;
      int bestLoad = Integer.MAX_VALUE;
      for (Slot s : slots) {
        if (s != dead && !s.breakerOpen() && s.load.get() < bestLoad) {
          target = s;
          bestLoad = s.load.get();
        }
      }
      CallTask<S, ?> reopen = new CallTask<>(opener, Deadline.after(options.defaultTimeout(), options.ticker()));
      reopening.put(reopen, id);
      try {
        // queued before the handle is rebound: a caller that already sees the new owner must find
        // the replay ahead of its call in that owner's queue. A caller that still sees the dead
        // owner queues there, and that slot's sender forwards the call once the rebind is visible
        // (it starts a replacement only after this death handler has finished).
        target.enqueueInternal(reopen);
      } catch (ConfineException ex) {
        reopening.remove(reopen);
        routing.unbind(h);
        lost++;
        continue;
      }
      routing.bind(h, target.index);
      // registered after the bind, so a replay that already failed still unbinds the handle
      reopen.future.whenComplete(
          (r, err) -> {
            reopening.remove(reopen);
            if (err != null) {
              routing.unbind(h);
              log.warn("'{}': reopening handle #{} failed; it is lost: {}", options.name(), id, err.toString());
            }
          });
      log.info("'{}': handle #{} of dead worker {} is being reopened on worker {}", options.name(), id, dead.index, target.index);
    }
    return lost;
  }

  @Override
  public Isolation strategy() {
    return strategy;
  }

  @Override
  int owners() {
    return slots.size();
  }

  @Override
  int queued() {
    int n = 0;
    for (Slot s : slots) {
      n += s.queue.size() + (s.senderHolds ? 1 : 0);
    }
    return n;
  }

  @Override
  long restarts() {
    return restarts.get();
  }

  /** The pids of the live workers (for tests and diagnostics). */
  List<Long> workerPids() {
    List<Long> pids = new ArrayList<>();
    for (Slot s : slots) {
      Worker w = s.current;
      if (w != null && !w.dead.get()) {
        pids.add(w.pid);
      }
    }
    return pids;
  }

  /** The last stderr lines of the worker in {@code slot} (for tests and diagnostics). */
  List<String> lastStderrLines(int slot) {
    Worker w = slots.get(slot).current;
    return w == null ? List.of() : w.lastLines();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeDeadlineNanos = System.nanoTime() + options.closeTimeout().toNanos();
    for (Slot s : slots) {
      s.failQueued(closedError());
    }
    closing.countDown();
    for (Slot s : slots) {
      if (s.sender == Thread.currentThread()) {
        continue;
      }
      try {
        s.sender.join(options.closeTimeout().toMillis() + 15_000);
        if (s.sender.isAlive()) {
          log.error("'{}': sender thread of worker {} did not stop", options.name(), s.index);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    watchdog.shutdownNow();
  }

  // ---- one call on its way to a worker ----

  private final class InFlight {
    final CallTask<S, Object> task;
    final long killAtNanos;
    final long sentNanos = System.nanoTime();

    InFlight(CallTask<S, Object> task, long killAtNanos) {
      this.task = task;
      this.killAtNanos = killAtNanos;
    }
  }

  /** One worker position: a queue, a sender thread, and the child process it currently owns. */
  private final class Slot implements Runnable {
    final int index;
    final ArrayBlockingQueue<CallTask<S, ?>> queue;
    /** Calls queued on or running at this slot; for routing. */
    final AtomicInteger load = new AtomicInteger();
    final Thread sender;
    final CompletableFuture<Void> firstReady = new CompletableFuture<>();
    /** Written by the sender thread only; read by others. */
    volatile Worker current;
    /** Starts failed or workers crashed in a row; reset by a successful call. */
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    /** System.nanoTime until which the breaker is open; 0 when closed. Written by the sender. */
    volatile long breakerOpenUntil;

    volatile String breakerReason = "";
    /**
     * A call taken from the queue but not written yet (its worker had just died, or had no free
     * permit yet); sent first. Sender thread only.
     */
    private CallTask<S, ?> carryOver;
    /** Whether the sender holds a call it took from the queue and has not written yet. */
    private volatile boolean senderHolds;

    Slot(int index) {
      this.index = index;
      this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
      this.sender = new Thread(this, "confine-" + options.name() + "-worker-" + index);
      this.sender.setDaemon(true);
    }

    boolean breakerOpen() {
      long until = breakerOpenUntil;
      return until != 0 && System.nanoTime() - until < 0;
    }

    void checkBreaker() {
      if (breakerOpen()) {
        throw breakerError();
      }
    }

    BreakerOpenException breakerError() {
      return new BreakerOpenException(
          String.format(
              Locale.ROOT,
              "worker %d of '%s' failed %d times in a row, so its breaker is open for %s; calls"
                  + " routed to it fail fast until then. Last failure: %s",
              index,
              options.name(),
              cpo.breakerThreshold(),
              cpo.breakerCooldown(),
              breakerReason));
    }

    /** Queues {@code task}; returns whether nothing else was queued or running here. */
    boolean enqueue(CallTask<S, ?> task) {
      if (closed.get()) {
        throw closedError();
      }
      boolean alone = load.getAndIncrement() == 0;
      task.future.whenComplete((r, e) -> load.decrementAndGet());
      boolean queuedIt = queue.offer(task);
      if (!queuedIt) {
        ConfineException why;
        if (options.whenQueueFull() == QueueFullPolicy.REJECT) {
          why =
              new CallRejectedException(
                  String.format(
                      Locale.ROOT,
                      "worker %d of '%s' has %d calls queued (queueCapacity); the call was rejected"
                          + " without running. Raise queueCapacity, add workers, or slow down.",
                      index,
                      options.name(),
                      options.queueCapacity()));
        } else {
          try {
            queuedIt = queue.offer(task, Math.max(0, task.deadline.remainingNanos()), TimeUnit.NANOSECONDS);
            why =
                new CallTimeoutException(
                    String.format(
                        Locale.ROOT,
                        "worker %d of '%s': the queue stayed full (%d calls) until the deadline; the"
                            + " call did not run",
                        index,
                        options.name(),
                        options.queueCapacity()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = new CallInterruptedException("interrupted while waiting for room in the queue of '" + options.name() + "'", e);
          }
        }
        if (!queuedIt) {
          task.abandon(why);
          throw why;
        }
      }
      if (closed.get()) {
        failQueued(closedError()); // raced with close(): nothing queued after close may run
      }
      return alone;
    }

    /** Queues a call the strategy itself makes (a reopen); never waits. */
    void enqueueInternal(CallTask<S, ?> task) {
      load.incrementAndGet();
      task.future.whenComplete((r, e) -> load.decrementAndGet());
      if (!queue.offer(task)) {
        CallRejectedException full = new CallRejectedException("queue of worker " + index + " is full");
        task.abandon(full);
        throw full;
      }
    }

    void failQueued(ConfineException why) {
      List<CallTask<S, ?>> left = new ArrayList<>();
      queue.drainTo(left);
      for (CallTask<S, ?> t : left) {
        t.abandon(why);
      }
    }

    @Override
    public void run() {
      try {
        serve();
      } catch (Throwable t) {
        log.error("'{}': sender of worker {} failed; its calls fail", options.name(), index, t);
        failQueued(new WorkerCrashedException("the sender thread of worker " + index + " failed: " + t, t));
      } finally {
        if (carryOver != null) {
          carryOver.abandon(closedError());
          carryOver = null;
        }
        Worker w = current;
        if (w != null) {
          shutdown(w);
        }
        if (!firstReady.isDone()) {
          firstReady.completeExceptionally(closedError());
        }
      }
    }

    private void serve() throws InterruptedException {
      while (!closed.get()) {
        Worker w = current;
        if (w == null || w.dead.get()) {
          if (w != null) {
            w.deathHandled.join();
            current = null;
          }
          if (breakerOpen()) {
            if (carryOver != null) {
              carryOver.abandon(breakerError());
              carryOver = null;
            }
            CallTask<S, ?> t = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (t != null) {
              t.abandon(breakerError());
            }
            continue;
          }
          int failures = consecutiveFailures.get();
          if (failures > 0) {
            long backoff =
                Math.min(
                    cpo.restartBackoffMax().toNanos(),
                    cpo.restartBackoffBase().toNanos() << Math.min(20, failures - 1));
            if (closing.await(backoff, TimeUnit.NANOSECONDS)) {
              return;
            }
          }
          current = startWorker();
          if (current != null) {
            firstReady.complete(null); // after current is set: open() returns with every worker in place
          }
          continue;
        }
        if (recycleDue(w)) {
          if (w.inflight.isEmpty()) {
            log.info("'{}': recycling worker {} (pid {}) after {} calls", options.name(), index, w.pid, w.calls.get());
            w.retiring = true;
            shutdown(w);
            restarts.incrementAndGet();
            current = null;
          } else {
            Thread.onSpinWait();
            w.permits.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
            w.permits.release();
          }
          continue;
        }
        CallTask<S, ?> task = carryOver;
        carryOver = null;
        if (task != null && task.call.handle() != null && !reopening.isEmpty()) {
          // its handle may be one the dead worker took with it: the replay that reopens it is
          // already queued (the death handler ran before this worker started), so the call goes
          // behind it rather than first; only calls caught by a crash lose their queue position
          requeueStarted(task);
          task = null;
        }
        if (task == null) {
          // waits for work holding no permit: a caller that finds the worker idle writes its own
          // call (trySendDirect), and a permit held here would send it to the queue instead
          task = queue.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (task == null) {
          continue;
        }
        senderHolds = true; // callers do not overtake it while it waits for a permit
        try {
          if (!w.permits.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
            carryOver = task;
            continue;
          }
          if (w.dead.get() || recycleDue(w)) {
            // the permit came from its death, or its last call made it due for recycling
            w.permits.release();
            carryOver = task;
            continue;
          }
          if (closed.get()) {
            // close() failed the queue while this call waited here for a permit: it fails too
            w.permits.release();
            task.abandon(closedError());
            continue;
          }
          send(w, task);
        } finally {
          senderHolds = false;
        }
      }
      // closing: let running calls end until the close deadline, then stop the worker
      Worker w = current;
      while (w != null && !w.dead.get() && !w.inflight.isEmpty() && System.nanoTime() - closeDeadlineNanos < 0) {
        w.permits.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    private boolean recycleDue(Worker w) {
      if (w.handles.get() > 0) {
        return false; // recycling would lose the handles it holds
      }
      boolean byCalls = cpo.recycleAfterCalls() > 0 && w.calls.get() >= cpo.recycleAfterCalls();
      boolean byAge = !cpo.recycleAfterAge().isZero() && System.nanoTime() - w.startedNanos > cpo.recycleAfterAge().toNanos();
      return byCalls || byAge;
    }

    /**
     * The fast path of a synchronous call: when this slot has nothing queued and its worker has a
     * free in-flight permit, the caller writes its own frame instead of handing the call to the
     * sender thread (one thread hand-off less per call). Calls on a handle always take the queue.
     * Returns null, having changed nothing, when the call must take the queue; else the worker
     * the call was given to. If {@code selfRead}, the caller is counted in that worker's {@code
     * selfReaders} (before its call is in flight, so that the reader thread leaves the answer to
     * it) and must uncount itself when it stops reading.
     */
    Worker trySendDirect(CallTask<S, ?> task, boolean selfRead) {
      if (task.call.handle() != null) {
        // a call on a handle keeps to the queue: it must not overtake the replay that reopens its
        // handle after a crash, which the sender thread may be about to write
        return null;
      }
      Worker w = current;
      if (w == null || w.dead.get() || w.retiring || closed.get() || !queue.isEmpty() || senderHolds || breakerOpen()) {
        return null;
      }
      if (!w.permits.tryAcquire()) {
        return null;
      }
      if (w.dead.get() || recycleDue(w) || closed.get() || current != w) {
        w.permits.release();
        return null;
      }
      load.incrementAndGet();
      task.future.whenComplete((r, e) -> load.decrementAndGet());
      if (selfRead) {
        w.selfReaders.incrementAndGet();
      }
      if (!task.tryStart()) {
        w.permits.release();
        return w; // cannot happen for a new task; its future is already complete if it does
      }
      send(w, task, true, selfRead);
      return w;
    }

    private void send(Worker w, CallTask<S, ?> raw) {
      send(w, raw, false, false);
    }

    /** A caller's started call whose worker died before it was written: the sender runs it on the next worker. */
    private void requeueStarted(CallTask<S, ?> task) {
      if (!queue.offer(task)) {
        task.fail(new WorkerCrashedException("worker " + index + " of '" + options.name() + "' died before the call was written, and its queue is full; the call did not run"));
        return;
      }
      if (closed.get()) {
        failQueued(closedError());
      }
    }

    @SuppressWarnings("unchecked")
    private void send(Worker w, CallTask<S, ?> raw, boolean byCaller, boolean selfRead) {
      CallTask<S, Object> task = (CallTask<S, Object>) raw;
      Handle h = task.call.handle();
      if (h != null && !byCaller) {
        Integer owner = routing.ownerIfBound(h);
        if (owner != null && owner != index) {
          // its handle was rebound to another worker (this slot's worker died) while the call
          // waited here: it goes to the handle's new owner, behind the replay that reopens it
          w.permits.release();
          try {
            slots.get(owner).enqueueInternal(task);
          } catch (CallRejectedException e) {
            // enqueueInternal failed the task and says why
          }
          return;
        }
      }
      if (task.state() != CallTask.RUNNING && !task.tryStart()) {
        w.permits.release(); // its caller gave up while it was queued
        return;
      }
      if (task.deadline.isExpired()) {
        w.permits.release();
        task.fail(timeoutError(task));
        return;
      }
      long remaining = task.deadline.remainingNanos();
      long timeoutMillis = task.deadline.isNone() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
      byte[] payload;
      try {
        Long reopenAs = reopening.get(task);
        payload = wire.encodeCall(task.call, timeoutMillis, reopenAs == null ? 0 : reopenAs);
      } catch (RuntimeException e) {
        w.permits.release();
        failed.increment();
        task.fail(new BackendException(e));
        return;
      }
      long killAt = task.deadline.isNone() ? Long.MAX_VALUE : System.nanoTime() + remaining + cpo.gracePeriod().toNanos();
      long id = w.nextRequestId.getAndIncrement();
      InFlight f = new InFlight(task, task.deadline.isNone() ? System.nanoTime() + Long.MAX_VALUE / 2 : killAt);
      running.incrementAndGet();
      w.inflight.put(id, f);
      if (w.dead.get() && w.inflight.remove(id) != null) {
        // it died before we registered: its death handler did not see this call, which has not
        // been written, so the next worker runs it
        running.decrementAndGet();
        if (byCaller) {
          requeueStarted(task);
        } else {
          carryOver = task;
        }
        return;
      }
      if (!selfRead) {
        LockSupport.unpark(w.reader); // an answer is coming that no caller reads itself
      }
      try {
        synchronized (w.stdin) {
          Frames.write(w.stdin, Frames.CALL, id, payload);
        }
      } catch (IOException e) {
        // the child is gone or going; its reader sees the end of stream and fails this call
        w.process.destroyForcibly();
      }
    }

    // ---- worker life cycle ----

    private Worker startWorker() throws InterruptedException {
      Worker w;
      try {
        w = new Worker(this, launch());
      } catch (IOException e) {
        failedStart("could not start a worker JVM: " + e.getMessage(), new WorkerCrashedException("could not start a worker JVM: " + e, e), true);
        return null;
      }
      long until = System.nanoTime() + cpo.startupTimeout().toNanos();
      while (!w.ready.isDone()) {
        if (closed.get() || System.nanoTime() - until > 0) {
          break;
        }
        try {
          w.ready.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
          // loop: done or not yet
        }
      }
      if (!w.ready.isDone()) {
        w.killReason = closed.get() ? "closed while starting" : "it did not become READY within the start-up timeout " + cpo.startupTimeout();
        w.process.destroyForcibly();
        w.deathHandled.join();
      }
      try {
        w.ready.get();
        // consecutiveFailures is reset by the first answered call, not here: a worker that starts
        // and then crashes on every call is a crash loop too
        breakerOpenUntil = 0;
        log.debug("'{}': worker {} ready, pid {}", options.name(), index, w.pid);
        return w;
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        ConfineException ce = c instanceof ConfineException x ? x : new WorkerCrashedException(String.valueOf(c), c);
        boolean fatal = c instanceof FatalStartException || ce instanceof BackendException;
        if (c instanceof FatalStartException fse) {
          ce = new WorkerCrashedException(fse.getMessage());
        }
        shutdown(w);
        failedStart(ce.getMessage(), ce, fatal);
        return null;
      }
    }

    private void failedStart(String reason, ConfineException error, boolean fatal) {
      int n = consecutiveFailures.incrementAndGet();
      log.warn("'{}': worker {} failed to start ({} in a row): {}", options.name(), index, n, reason);
      if (fatal && !firstReady.isDone()) {
        firstReady.completeExceptionally(error);
      }
      if (fatal || n >= cpo.breakerThreshold()) {
        openBreaker(reason);
        if (!firstReady.isDone()) {
          firstReady.completeExceptionally(breakerError());
        }
      }
    }

    void openBreaker(String reason) {
      breakerReason = reason;
      breakerOpenUntil = System.nanoTime() + cpo.breakerCooldown().toNanos();
      log.error("'{}': breaker of worker {} opened for {}: {}", options.name(), index, cpo.breakerCooldown(), reason);
      failQueued(breakerError());
    }

    private Process launch() throws IOException {
      List<String> cmd = new ArrayList<>();
      boolean unsafe = cpo.jvmArgs().contains("-D" + WorkerMain.UNSAFE_KEEP_STDOUT_PROPERTY + "=true");
      if (!unsafe && SHELL.canExecute()) {
        // The shell moves the protocol to fd 3 and points fd 1 at stderr, then becomes the JVM
        // (exec: same pid). Nothing the JVM or native code writes to fd 1, from its first
        // instruction on, can reach the protocol, and the worker needs no native call (loading
        // JNA for dup/dup2 cost a third of the worker's start-up).
        cmd.add(SHELL.getPath());
        cmd.add("-c");
        cmd.add("exec " + LAUNCHER_PROTOCOL_FD + ">&1 1>&2 \"$0\" \"$@\"");
        cmd.add(javaBinary());
        cmd.add("-D" + WorkerMain.PROTOCOL_FD_MOVED_PROPERTY + "=" + LAUNCHER_PROTOCOL_FD);
      } else {
        cmd.add(javaBinary());
      }
      String classpath = cpo.classpath() != null ? cpo.classpath() : System.getProperty("java.class.path");
      // the JVM's own warnings (a stale class-data archive, say) go to stderr, never the protocol
      cmd.add("-Xlog:disable");
      cmd.add("-Xlog:all=warning:stderr");
      if (cpo.fastStartFlags()) {
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        WorkerClassArchive.forWorkers(javaBinary(), classpath, backend.id(), backend.getClass().getName(), cpo.jvmArgs())
            .ifPresent(a -> cmd.add("-XX:SharedArchiveFile=" + a));
      }
      cmd.add("-XX:+ExitOnOutOfMemoryError");
      cmd.add("-XX:ErrorFile=" + crashFilePattern());
      cmd.add("-Dconfine.worker.name=" + options.name());
      cmd.addAll(cpo.jvmArgs());
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add(WorkerMain.class.getName());
      cmd.add(backend.id());
      cmd.add(Integer.toString(index));
      cmd.add(backend.getClass().getName());
      ProcessBuilder pb = new ProcessBuilder(cmd);
      pb.redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
      pb.redirectError(ProcessBuilder.Redirect.PIPE);
      return pb.start();
    }

    String crashFilePattern() {
      String safe = options.name().replaceAll("[^A-Za-z0-9_.-]", "_");
      return Path.of(System.getProperty("java.io.tmpdir"), "confine-hs_err-" + safe + "-w" + index + "-%p.log").toString();
    }

    /** Stops a worker: SHUTDOWN and end of stdin, then SIGTERM, then SIGKILL; waits for its death. */
    void shutdown(Worker w) {
      w.retiring = true;
      if (!w.dead.get()) {
        try {
          synchronized (w.stdin) {
            Frames.write(w.stdin, Frames.SHUTDOWN, 0, new byte[0]);
            w.stdin.close();
          }
        } catch (IOException e) {
          // already gone
        }
        try {
          if (!w.process.waitFor(2, TimeUnit.SECONDS)) {
            w.process.destroy();
            if (!w.process.waitFor(1, TimeUnit.SECONDS)) {
              w.process.destroyForcibly();
              w.process.waitFor(10, TimeUnit.SECONDS);
            }
          }
        } catch (InterruptedException e) {
          w.process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      try {
        w.deathHandled.get(15, TimeUnit.SECONDS);
        w.reader.join(5_000);
        w.stderr.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("'{}': worker {} (pid {}) did not wind down cleanly: {}", options.name(), index, w.pid, e.toString());
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A start failure that retrying will not fix (protocol version mismatch, wrong backend). */
  private static final class FatalStartException extends Exception {
    private static final long serialVersionUID = 1L;

    FatalStartException(String message) {
      super(message);
    }
  }

  /** One child process and the threads that read its stdout and stderr. */
  private final class Worker {
    final Slot slot;
    final Process process;
    final long pid;
    final DataOutputStream stdin;
    final Thread reader;
    final Thread stderr;
    final long startedNanos = System.nanoTime();
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final CompletableFuture<String> deathHandled = new CompletableFuture<>();
    final AtomicBoolean dead = new AtomicBoolean();
    final ConcurrentHashMap<Long, InFlight> inflight = new ConcurrentHashMap<>();
    final Semaphore permits = new Semaphore(cpo.maxInFlightPerWorker());
    final AtomicLong calls = new AtomicLong();
    final AtomicInteger handles = new AtomicInteger();
    /** Callers that write their own frame and the sender thread both number requests. */
    final AtomicLong nextRequestId = new AtomicLong(1);
    volatile boolean retiring;
    volatile String killReason;
    /** The worker's stdout, read by whoever holds {@link #readTurn}. */
    final DataInputStream replies;
    /**
     * Held while a frame is read from {@link #replies} and booked: by the reader thread, or by a
     * caller reading its own answer ({@link #readAnswerIfThere}). Futures are completed after it is
     * released, so that no code chained to them runs while it is held.
     */
    final ReentrantLock readTurn = new ReentrantLock();
    /** Callers now reading their own answers; the reader thread leaves their answers to them. */
    final AtomicInteger selfReaders = new AtomicInteger();
    /** Why a caller stopped the worker after reading a bad frame; the reader thread reports it. */
    volatile String readFailure;
    // guarded by itself: the last lines of stderr for error messages
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();

    Worker(Slot slot, Process process) throws IOException {
      this.slot = slot;
      this.process = process;
      this.pid = process.pid();
      this.stdin = new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
      // The process's stream is buffered already; a second buffer over it would ask the kernel how
      // many bytes are waiting (fstat and ioctl) after every read that did not fill it.
      this.replies = new DataInputStream(process.getInputStream());
      String tag = "confine-" + options.name() + "-worker-" + slot.index + "-pid" + pid;
      this.stderr = new Thread(this::forwardStderr, tag + "-stderr");
      this.stderr.setDaemon(true);
      this.reader = new Thread(this::readReplies, tag + "-reader");
      this.reader.setDaemon(true);
      stderr.start();
      reader.start();
      // the reader thread may be parked rather than reading: an exit must wake it at once
      process.onExit().thenRun(() -> LockSupport.unpark(reader));
      Map<String, Object> init = new LinkedHashMap<>();
      init.put("backendId", backend.id());
      init.put("config", options.config().asMap());
      init.put("handleIdBase", handleBases.incrementAndGet() << 32);
      init.put("maxFrameBytes", cpo.maxFrameBytes());
      init.put("graceMillis", cpo.gracePeriod().toMillis());
      init.put("parentPid", ProcessHandle.current().pid());
      try {
        synchronized (stdin) {
          Frames.write(stdin, Frames.INIT, 0, Wire.json(init));
        }
      } catch (IOException e) {
        // died at once; the reader reports why
      }
    }

    private void forwardStderr() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          log.info("[{} worker {} pid {}] {}", options.name(), slot.index, pid, line);
          synchronized (lastLines) {
            if (lastLines.size() == cpo.stderrLinesKept()) {
              lastLines.removeFirst();
            }
            lastLines.addLast(line);
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }

    List<String> lastLines() {
      synchronized (lastLines) {
        return new ArrayList<>(lastLines);
      }
    }

    private void readReplies() {
      String reason = "its stdout reached end of stream";
      try (DataInputStream in = replies) {
        Frames.Frame hello = Frames.read(in, cpo.maxFrameBytes());
        if (hello == null) {
          reason = "it exited during the handshake, before READY";
          return;
        }
        if (hello.type() == Frames.OPEN_FAILED) {
          Wire.Reply r = Wire.decodeError(hello.payload());
          ready.completeExceptionally(r.error());
          reason = "opening the backend failed: " + r.error().getMessage();
          return;
        }
        if (hello.type() != Frames.READY) {
          throw new Frames.ProtocolException("expected READY, got frame type " + hello.type());
        }
        var h = Wire.tree(hello.payload());
        int version = h.path("version").asInt(-1);
        if (version != Frames.PROTOCOL_VERSION) {
          String msg =
              String.format(
                  Locale.ROOT,
                  "protocol version mismatch: worker %d (pid %d) speaks version %d, this parent %d;"
                      + " the worker's class path holds a different confine-isolation than the"
                      + " parent's. Start workers with the same class path.",
                  slot.index,
                  pid,
                  version,
                  Frames.PROTOCOL_VERSION);
          ready.completeExceptionally(new FatalStartException(msg));
          reason = msg;
          return;
        }
        if (!backend.id().equals(h.path("backendId").asText())) {
          String msg = "worker opened backend '" + h.path("backendId").asText() + "' instead of '" + backend.id() + "'";
          ready.completeExceptionally(new FatalStartException(msg));
          reason = msg;
          return;
        }
        ready.complete(null);
        while (true) {
          awaitWorkForReader();
          String failure = readFailure;
          if (failure != null) {
            reason = failure;
            return;
          }
          Answer answer;
          readTurn.lock();
          try {
            Frames.Frame f = Frames.read(in, cpo.maxFrameBytes());
            if (f == null) {
              return;
            }
            answer = book(f);
          } finally {
            readTurn.unlock();
          }
          if (answer != null) {
            answer.deliver();
          }
        }
      } catch (Frames.ProtocolException e) {
        reason = brokeProtocol(e);
      } catch (IOException | RuntimeException e) {
        reason = "reading its answers failed: " + e;
        process.destroyForcibly();
      } finally {
        onDeath(reason);
      }
    }

    /**
     * Parks the reader thread while every answer in flight has a caller reading it and nothing
     * else is on the stream; an idle worker's stdout is still looked at every tick (stray bytes),
     * and its exit wakes the reader at once.
     */
    private void awaitWorkForReader() throws IOException {
      while (true) {
        if (readFailure != null || !process.isAlive()) {
          return;
        }
        int self = selfReaders.get();
        if (inflight.size() > self) {
          return;
        }
        if (self == 0 && (slot.senderHolds || !slot.queue.isEmpty() || replies.available() > 0)) {
          // a queued call is about to be written (waiting in read then spares the reader a park
          // and an unpark per call under load), or bytes arrived that nobody asked for
          return;
        }
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      }
    }

    /**
     * Reads one answer on the caller's thread if a whole frame is there and no other thread is
     * reading: {@link Frames#READY_TO_READ} if it read one (its own or, with pipelining, another
     * caller's, whose future it then completes), {@link Frames#NOT_YET}, or {@link
     * Frames#MALFORMED} when the stream holds something the reader thread must read and report.
     * Never blocks on the stream.
     */
    int readAnswerIfThere() {
      if (!readTurn.tryLock()) {
        return Frames.NOT_YET;
      }
      Answer answer;
      try {
        if (readFailure != null || dead.get()) {
          return Frames.MALFORMED;
        }
        int ready = Frames.frameReady(replies, cpo.maxFrameBytes());
        if (ready != Frames.READY_TO_READ) {
          return ready;
        }
        answer = book(Frames.read(replies, cpo.maxFrameBytes()));
      } catch (Frames.ProtocolException e) {
        readFailure = brokeProtocol(e);
        return Frames.MALFORMED;
      } catch (IOException | RuntimeException e) {
        readFailure = "reading its answers failed: " + e;
        process.destroyForcibly();
        return Frames.MALFORMED;
      } finally {
        readTurn.unlock();
      }
      if (answer != null) {
        answer.deliver();
      }
      return Frames.READY_TO_READ;
    }

    private String brokeProtocol(Frames.ProtocolException e) {
      log.error(
          "'{}': worker {} (pid {}) broke the protocol on its stdout and is replaced: {}. Code in"
              + " the worker must not write to the protocol's descriptor.",
          options.name(),
          slot.index,
          pid,
          e.getMessage());
      process.destroyForcibly();
      return "it broke the protocol: " + e.getMessage();
    }

    /** An answer booked under {@link #readTurn}, to be handed to its caller after releasing it. */
    private final class Answer {
      final InFlight call;
      final Wire.Reply reply;

      Answer(InFlight call, Wire.Reply reply) {
        this.call = call;
        this.reply = reply;
      }

      void deliver() {
        // the caller first: it is waiting, and waking the sender costs a wake-up of its own that
        // would compete with it for the CPU (a caller reading its own answer runs this itself and
        // finds the permit free when it returns for its next call)
        if (reply.error() == null) {
          call.task.succeed(reply.value());
        } else {
          call.task.fail(reply.error());
        }
        permits.release();
      }
    }

    /**
     * Books one answer read under {@link #readTurn}: handles, routing and counters, in the order
     * the worker sent them. Returns null if the death handler failed the call meanwhile.
     */
    private Answer book(Frames.Frame f) throws IOException {
      if (f.type() != Frames.RESULT && f.type() != Frames.ERROR) {
        throw new Frames.ProtocolException("unexpected frame type " + f.type() + " from the worker");
      }
      InFlight call = inflight.get(f.requestId());
      if (call == null) {
        throw new Frames.ProtocolException("answer to request " + f.requestId() + ", which is not in flight");
      }
      Wire.Reply reply = f.type() == Frames.RESULT ? wire.decodeResult(f.payload()) : Wire.decodeError(f.payload());
      if (inflight.remove(f.requestId()) == null) {
        return null; // failed by the death handler meanwhile
      }
      for (Handle h : reply.opened()) {
        routing.bind(h, slot.index);
        handles.incrementAndGet();
        if (backend.handlesReopenable() && reply.opened().size() == 1) {
          openedBy.put(h.id(), call.task.call);
        }
      }
      reopening.remove(call.task);
      for (Long id : reply.closed()) {
        openedBy.remove(id);
        routing.unbind(new Handle(id, "closed"));
        handles.decrementAndGet();
      }
      calls.incrementAndGet();
      long roundTrip = System.nanoTime() - call.sentNanos;
      callNanos.add(roundTrip);
      // racy moving average (lost updates only blur it): decides whether callers yield-wait
      recentRoundTripNanos += (roundTrip - recentRoundTripNanos) / 8;
      running.decrementAndGet();
      slot.consecutiveFailures.set(0);
      if (reply.error() == null) {
        succeeded.increment();
      } else {
        failed.increment();
      }
      return new Answer(call, reply);
    }

    /** Runs once, on the reader thread, when the worker's stdout ends or breaks. */
    private void onDeath(String reason) {
      if (!dead.compareAndSet(false, true)) {
        return;
      }
      try {
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
        stderr.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String description = describeDeath(reason);
      boolean expected = retiring && inflight.isEmpty();
      int lostHandles = retireHandles(slot);
      List<Long> ids = new ArrayList<>(inflight.keySet());
      for (Long id : ids) {
        InFlight f = inflight.remove(id);
        if (f != null) {
          running.decrementAndGet();
          failed.increment();
          f.task.fail(new WorkerCrashedException(description + " The call may or may not have taken effect."));
        }
      }
      if (!ready.isDone()) {
        ready.completeExceptionally(new WorkerCrashedException(description));
      }
      if (!expected) {
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
          restarts.incrementAndGet();
          int n = slot.consecutiveFailures.incrementAndGet();
          log.warn("'{}': {} ({} handle(s) lost; failure {} in a row)", options.name(), description, lostHandles, n);
          if (n >= cpo.breakerThreshold()) {
            slot.openBreaker(description);
          }
        }
      }
      permits.release(cpo.maxInFlightPerWorker());
      deathHandled.complete(description);
    }

    private String describeDeath(String reason) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "worker %d of '%s' (pid %d) ", slot.index, options.name(), pid));
      if (process.isAlive()) {
        b.append("is unresponsive");
      } else {
        b.append(describeExit(process.exitValue()));
      }
      b.append(": ").append(killReason != null ? killReason : reason).append('.');
      List<String> lines = lastLines();
      if (!lines.isEmpty()) {
        b.append(" Last stderr lines:\n  ").append(String.join("\n  ", lines));
      }
      Path crash = Path.of(slot.crashFilePattern().replace("%p", Long.toString(pid)));
      if (Files.exists(crash)) {
        try {
          List<String> head = Files.readAllLines(crash, StandardCharsets.UTF_8);
          b.append("\nJVM crash log ").append(crash).append(":\n  ");
          b.append(String.join("\n  ", head.subList(0, Math.min(12, head.size()))));
        } catch (IOException e) {
          b.append("\nJVM crash log ").append(crash).append(" could not be read: ").append(e);
        }
      }
      return b.toString();
    }
  }

  /** What an exit code means, in words. */
  static String describeExit(int code) {
    return switch (code) {
      case Frames.EXIT_OK -> "exited (code 0)";
      case Frames.EXIT_OUT_OF_MEMORY -> "ran out of memory (exit code 3, -XX:+ExitOnOutOfMemoryError)";
      case Frames.EXIT_WATCHDOG_TIMEOUT -> "was stopped by its own watchdog: a call ran past its deadline plus grace (exit code 17)";
      case Frames.EXIT_PARENT_GONE -> "exited because its parent process went away (exit code 18)";
      case Frames.EXIT_PROTOCOL_ERROR -> "failed with a fatal error (exit code 19)";
      case 134 -> "crashed: the JVM aborted (exit code 134, SIGABRT; a native crash such as SIGSEGV ends this way)";
      default -> code > 128
          ? String.format(Locale.ROOT, "was killed by signal %d (%s, exit code %d)", code - 128, signalName(code - 128), code)
          : String.format(Locale.ROOT, "exited with code %d", code);
    };
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 6 -> "SIGABRT";
      case 9 -> "SIGKILL";
      case 11 -> "SIGSEGV";
      case 15 -> "SIGTERM";
      default -> "signal " + signal;
    };
  }
}
