package dev.confine.isolation.contract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a thread or a child process behind. Threads started during the test
 * must have ended, and every descendant process of this JVM must have exited, within a grace
 * period after the test (asked of the OS through {@link ProcessHandle}, not of any pool's
 * bookkeeping). JDK-internal helper threads that the JDK creates lazily and keeps are ignored.
 */
public final class NoLeaksExtension implements BeforeEachCallback, AfterEachCallback {
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final List<String> JDK_THREADS =
      List.of(
          "process reaper",
          "CompletableFutureDelayScheduler",
          "ForkJoinPool.commonPool-",
          "ForkJoinPool-",
          "VirtualThread-",
          "Common-Cleaner",
          "Attach Listener",
          "JFR ",
          "surefire-",
          "junit-",
          "Signal Dispatcher",
          "Notification Thread");

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeaksExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    Set<Long> ids = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    context.getStore(NS).put("threads", ids);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    @SuppressWarnings("unchecked")
    Set<Long> before = (Set<Long>) context.getStore(NS).get("threads", Set.class);
    long until = System.nanoTime() + GRACE.toNanos();
    List<Thread> leaked = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (before.contains(t.getId()) || t == Thread.currentThread() || isJdkThread(t)) {
        continue;
      }
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
      if (t.isAlive()) {
        leaked.add(t);
      }
    }
    List<ProcessHandle> children = new ArrayList<>();
    for (ProcessHandle p : ProcessHandle.current().descendants().collect(Collectors.toList())) {
      try {
        p.onExit().get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        children.add(p);
      }
    }
    if (!leaked.isEmpty() || !children.isEmpty()) {
      Set<String> names = new HashSet<>();
      leaked.forEach(t -> names.add("thread '" + t.getName() + "' (" + t.getState() + ")"));
      children.forEach(
          p -> {
            names.add("process " + p.pid() + " " + p.info().commandLine().orElse("?"));
            p.destroyForcibly();
          });
      throw new AssertionError(
          context.getDisplayName() + " leaked " + names + " still alive " + GRACE.toSeconds() + " s after the test");
    }
  }

  private static boolean isJdkThread(Thread t) {
    String n = t.getName();
    return JDK_THREADS.stream().anyMatch(n::startsWith) || CompletableFuture.class.getClassLoader() == null && n.isEmpty();
  }
}
