package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.CallInterruptedException;
import dev.confine.core.CallRejectedException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Deadline;
import dev.confine.core.Handle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N owner threads, each a dedicated {@link Thread} that lives as long as this front and owns one
 * opened state. Not an executor: an executor may replace a thread that failed, and native
 * libraries can keep per-thread state, so each owner's thread identity must never change.
 */
final class ThreadConfinedIsolated<S> extends AbstractIsolated<S> {
  private static final Logger log = LoggerFactory.getLogger(ThreadConfinedIsolated.class);

  /**
   * How long an owner spins for the next call before it parks. A hand-off to a spinning owner
   * costs well under a microsecond; to a parked one, a wake-up (tens of microseconds across CPUs).
   * Bounded so an idle owner costs no CPU.
   */
  static final long OWNER_SPIN_NANOS = 50_000;

  private final ThreadConfinedStrategy strategy;
  private final Owner[] owners;
  private final AtomicInteger nextStart = new AtomicInteger();

  private ThreadConfinedIsolated(ThreadConfinedStrategy strategy, Backend<S> backend, IsolatedOptions options) {
    super(backend, options);
    this.strategy = strategy;
    @SuppressWarnings("unchecked")
    Owner[] created = (Owner[]) java.lang.reflect.Array.newInstance(Owner.class, strategy.owners());
    this.owners = created;
  }

  static <S> ThreadConfinedIsolated<S> open(
      ThreadConfinedStrategy strategy, Backend<S> backend, IsolatedOptions options) {
    ThreadConfinedIsolated<S> isolated = new ThreadConfinedIsolated<>(strategy, backend, options);
    isolated.start();
    return isolated;
  }

  private void start() {
    for (int i = 0; i < owners.length; i++) {
      owners[i] = new Owner(i);
    }
    for (Owner o : owners) {
      o.thread.start();
    }
    Deadline deadline = Deadline.after(options.defaultTimeout(), options.ticker());
    try {
      for (Owner o : owners) {
        o.opened.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      close();
      Throwable cause = e.getCause();
      throw cause instanceof ConfineException ce ? ce : new BackendException(cause);
    } catch (TimeoutException e) {
      close();
      throw new CallTimeoutException(
          String.format(
              Locale.ROOT,
              "opening backend '%s' on %d owner thread(s) took longer than %s",
              backend.id(),
              owners.length,
              options.defaultTimeout()));
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new CallInterruptedException("interrupted while opening backend '" + backend.id() + "'", e);
    }
  }

  @Override
  <R> R execute(Call<S, R> call, Deadline deadline) {
    Owner owner = route(call);
    if (Thread.currentThread() == owner.thread) {
      // A call made from inside a call on the same owner: queueing it would wait for ourselves.
      CallTask<S, R> task = new CallTask<>(call, deadline);
      task.tryStart();
      runOnOwner(task, owner.state, owner.handles, owner.index);
      return outcome(task.future);
    }
    CallTask<S, R> task = new CallTask<>(call, deadline);
    boolean aloneInQueue = owner.enqueue(task);
    return await(task, aloneInQueue);
  }

  @Override
  <R> CompletableFuture<R> executeAsync(Call<S, R> call, Deadline deadline) {
    CallTask<S, R> task = new CallTask<>(call, deadline);
    try {
      Owner owner = route(call);
      CompletableFuture<R> pub = publicFuture(task);
      if (Thread.currentThread() == owner.thread) {
        task.tryStart();
        runOnOwner(task, owner.state, owner.handles, owner.index);
      } else {
        owner.enqueue(task);
      }
      return pub;
    } catch (ConfineException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Owner route(Call<S, ?> call) {
    Handle handle = call.handle();
    if (handle != null) {
      return owners[routing.ownerOf(handle)];
    }
    if (owners.length == 1) {
      return owners[0];
    }
    // least loaded, scanning from a rotating start so ties spread out
    int start = Math.floorMod(nextStart.getAndIncrement(), owners.length);
    Owner best = owners[start];
    int bestLoad = best.load.get();
    for (int i = 1; i < owners.length && bestLoad > 0; i++) {
      Owner o = owners[(start + i) % owners.length];
      int load = o.load.get();
      if (load < bestLoad) {
        best = o;
        bestLoad = load;
      }
    }
    return best;
  }

  @Override
  public Isolation strategy() {
    return strategy;
  }

  @Override
  int owners() {
    return owners.length;
  }

  @Override
  int queued() {
    int n = 0;
    for (Owner o : owners) {
      if (o != null) {
        n += o.queue.size();
      }
    }
    return n;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Owner o : owners) {
      if (o != null) {
        o.stop();
      }
    }
    long deadline = System.nanoTime() + options.closeTimeout().toNanos();
    for (Owner o : owners) {
      if (o == null || o.thread == Thread.currentThread()) {
        continue; // closing from inside a call: this owner stops when the call returns
      }
      try {
        o.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (o.thread.isAlive()) {
          log.warn(
              "'{}': owner thread {} still runs a call after the close timeout {}; interrupting it",
              options.name(),
              o.thread.getName(),
              options.closeTimeout());
          o.thread.interrupt();
          o.thread.join(TimeUnit.SECONDS.toMillis(1));
          if (o.thread.isAlive()) {
            log.error("'{}': owner thread {} ignores interrupts and is left running", options.name(), o.thread.getName());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** One owner thread, its queue and the state it alone touches. */
  final class Owner implements Runnable {
    final int index;
    final Thread thread;
    final ArrayBlockingQueue<CallTask<S, ?>> queue;
    /** Calls queued on or running at this owner; for routing. */
    final AtomicInteger load = new AtomicInteger();
    final CompletableFuture<Void> opened = new CompletableFuture<>();
    final OwnerHandleTable handles;
    /** Written once by the owner thread before {@link #opened} completes; read only by it after. */
    S state;
    private final CallTask<S, Object> stopSignal = new CallTask<>((s, c) -> null, Deadline.none());

    Owner(int index) {
      this.index = index;
      this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
      this.handles = new OwnerHandleTable(index, routing);
      this.thread = new Thread(this, "confine-" + options.name() + "-owner-" + index);
      this.thread.setDaemon(true);
    }

    /** Queues {@code task}; returns whether nothing else was queued or running at this owner. */
    boolean enqueue(CallTask<S, ?> task) {
      if (closed.get()) {
        throw closedError();
      }
      boolean alone = load.getAndIncrement() == 0;
      boolean queuedIt = queue.offer(task);
      if (!queuedIt) {
        if (options.whenQueueFull() == QueueFullPolicy.REJECT) {
          load.decrementAndGet();
          throw new CallRejectedException(
              String.format(
                  Locale.ROOT,
                  "owner %d of '%s' has %d calls queued (queueCapacity); the call was rejected"
                      + " without running. Raise queueCapacity, add owners, or slow down.",
                  index,
                  options.name(),
                  options.queueCapacity()));
        }
        try {
          queuedIt = queue.offer(task, Math.max(0, task.deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          load.decrementAndGet();
          Thread.currentThread().interrupt();
          throw new CallInterruptedException(
              "interrupted while waiting for room in the queue of '" + options.name() + "'", e);
        }
        if (!queuedIt) {
          load.decrementAndGet();
          throw new CallTimeoutException(
              String.format(
                  Locale.ROOT,
                  "owner %d of '%s': the queue stayed full (%d calls) until the deadline; the call"
                      + " did not run",
                  index,
                  options.name(),
                  options.queueCapacity()));
        }
      }
      if (closed.get()) {
        // raced with close(): make sure the owner or close() sees it and fails it
        failQueued();
      }
      return alone;
    }

    void stop() {
      failQueued();
      while (!queue.offer(stopSignal)) {
        failQueued();
      }
    }

    /** Fails every call still queued: close() promised they do not run. */
    void failQueued() {
      List<CallTask<S, ?>> left = new ArrayList<>();
      queue.drainTo(left);
      for (CallTask<S, ?> t : left) {
        if (t == stopSignal) {
          queue.offer(stopSignal);
          continue;
        }
        load.decrementAndGet();
        t.abandon(closedError());
      }
    }

    @Override
    public void run() {
      try {
        state = backend.open(options.config());
        opened.complete(null);
      } catch (Throwable t) {
        opened.completeExceptionally(t);
        return;
      }
      try {
        serve();
      } finally {
        handles.closeAll();
        try {
          backend.close(state);
        } catch (Exception e) {
          log.warn("'{}': closing backend {} on owner {} failed", options.name(), backend.id(), index, e);
        }
        failQueued();
      }
    }

    private void serve() {
      while (true) {
        CallTask<S, ?> task;
        try {
          task = next();
        } catch (InterruptedException e) {
          if (closed.get()) {
            return;
          }
          continue; // a stray interrupt (e.g. left by a call) must not stop the owner
        }
        if (task == stopSignal) {
          return;
        }
        try {
          serveOne(task);
        } finally {
          load.decrementAndGet();
        }
        Thread.interrupted(); // an interrupt aimed at the call ends with it
      }
    }

    private void serveOne(CallTask<S, ?> task) {
      if (closed.get()) {
        // close() promised that calls not yet started do not run
        task.abandon(closedError());
        return;
      }
      if (!task.tryStart()) {
        return; // its caller gave up while it was queued
      }
      if (task.deadline.isExpired()) {
        task.fail(timeoutError(task));
        return;
      }
      runOnOwner(task, state, handles, index);
    }

    private CallTask<S, ?> next() throws InterruptedException {
      CallTask<S, ?> task = queue.poll();
      if (task != null) {
        return task;
      }
      long spinUntil = System.nanoTime() + OWNER_SPIN_NANOS;
      do {
        Thread.onSpinWait();
        task = queue.poll();
      } while (task == null && System.nanoTime() < spinUntil);
      return task != null ? task : queue.take();
    }
  }
}
