package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.core.BackendConfig;
import dev.confine.core.BreakerOpenException;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.WorkerCrashedException;
import dev.confine.isolation.contract.ContractWorkloads;
import dev.confine.isolation.contract.NoLeaksExtension;
import dev.confine.isolation.testing.BrokenProviderBackend;
import dev.confine.isolation.testing.FaultBackend;
import dev.confine.isolation.testing.ReopenableFaultBackend;
import dev.confine.isolation.testing.FaultBackend.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real worker JVMs: SIGKILL, SIGSEGV in native code, a hang, stray bytes on
 * stdout and on the protocol descriptor, exits during the handshake, out of memory. After each the
 * next calls succeed, and the OS shows no worker left behind (the leak extension asks
 * {@link ProcessHandle}, and tests check the dead worker's pid).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NoLeaksExtension.class)
class ChildProcessFaultTest {
  private final List<Isolated<?>> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Isolated::close);
  }

  private ChildProcessIsolated<State> open(int workers, UnaryOperator<ChildProcessOptions.Builder> options, BackendConfig config) {
    return open(new FaultBackend(), workers, options, config);
  }

  private ChildProcessIsolated<State> open(
      FaultBackend backend, int workers, UnaryOperator<ChildProcessOptions.Builder> options, BackendConfig config) {
    Isolated<State> i =
        Isolated.newBuilder(backend)
            .strategy(Isolation.childProcesses(workers, options.apply(ChildTesting.options()).build()))
            .config(config)
            .defaultTimeout(Duration.ofSeconds(20))
            .open();
    opened.add(i);
    return (ChildProcessIsolated<State>) i;
  }

  private ChildProcessIsolated<State> open(int workers) {
    return open(workers, b -> b, BackendConfig.empty());
  }

  private static void assertGone(long pid) {
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker pid " + pid + " still alive");
  }

  private static void assertServes(Isolated<State> isolated) {
    for (int i = 0; i < 3; i++) {
      assertEquals("after-" + i, isolated.call(new FaultBackend.Echo("after-" + i)));
    }
  }

  private static WorkerCrashedException crashOf(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
    return assertInstanceOf(WorkerCrashedException.class, e.getCause());
  }

  @Test
  void sigkillMidCall_failsThatCallWithWorkerCrashed_andTheWorkerIsReplaced() {
    ChildProcessIsolated<State> isolated = open(1);
    long pid = isolated.call(new FaultBackend.Pid());
    CompletableFuture<String> blocked = isolated.submit(new FaultBackend.Block(30_000));
    ContractWorkloads.awaitCondition("the call to run", () -> isolated.stats().running() == 1, 10_000);
    assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
    WorkerCrashedException e = crashOf(blocked);
    assertTrue(e.getMessage().contains("signal 9 (SIGKILL"), e.getMessage());
    assertGone(pid);
    assertServes(isolated);
    assertNotEquals(pid, isolated.call(new FaultBackend.Pid()));
    assertEquals(1, isolated.stats().restarts());
  }

  @Test
  void segfaultInNativeCode_failsOnlyThatCall_withTheCrashLog() {
    ChildProcessIsolated<State> isolated = open(2);
    WorkerCrashedException e = assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.Segfault()));
    assertTrue(e.getMessage().contains("SIGSEGV"), e.getMessage());
    assertTrue(e.getMessage().contains("JVM crash log"), e.getMessage());
    assertServes(isolated);
    assertEquals(1, isolated.stats().restarts());
  }

  @Test
  void hungCall_timesOutForItsCaller_andTheWorkerIsKilledAfterTheGracePeriod() {
    ChildProcessIsolated<State> isolated = open(1);
    long pid = isolated.call(new FaultBackend.Pid());
    CallTimeoutException e =
        assertThrows(CallTimeoutException.class, () -> isolated.call(new FaultBackend.Block(600_000), Duration.ofMillis(300)));
    assertTrue(e.getMessage().contains("had started"), e.getMessage());
    assertGone(pid);
    assertServes(isolated);
    assertEquals(1, isolated.stats().restarts());
  }

  @Test
  void printsToStdout_fromJavaAndNativeCode_goToStderr_andNeverReachTheProtocol() {
    ChildProcessIsolated<State> isolated = open(1);
    for (int i = 0; i < 5; i++) {
      assertEquals("printed", isolated.call(new FaultBackend.PrintToStdout("line " + i)));
      assertEquals("x" + i, isolated.call(new FaultBackend.Echo("x" + i)));
    }
    ContractWorkloads.awaitCondition(
        "the prints to reach the stderr log",
        () -> isolated.lastStderrLines(0).contains("native says: line 4") && isolated.lastStderrLines(0).contains("java says: line 4"),
        10_000);
    assertEquals(0, isolated.stats().restarts());
  }

  @Test
  void withoutTheDescriptorMove_aNativePrintCorruptsTheProtocol_andIsCaught() {
    // the same workload with the protection switched off: shows what the fd-level move prevents
    ChildProcessIsolated<State> isolated = open(1, b -> b.jvmArgs("-Dconfine.worker.unsafeKeepStdout=true"), BackendConfig.empty());
    WorkerCrashedException e =
        assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.PrintToStdout("oops")));
    assertTrue(e.getMessage().contains("stray bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("java says: oops"), e.getMessage());
  }

  @Test
  void strayBytesOnTheProtocolDescriptor_failTheWorkerCleanly_neverParsedAsAFrame() {
    ChildProcessIsolated<State> isolated = open(1);
    long pid = isolated.call(new FaultBackend.Pid());
    WorkerCrashedException e = assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.CorruptProtocol()));
    assertTrue(e.getMessage().contains("stray bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("Hello from a library"), e.getMessage());
    assertGone(pid);
    assertServes(isolated);
  }

  @Test
  void workerExitingDuringTheHandshake_isRetried(@TempDir Path tmp) throws Exception {
    Path marker = Files.createFile(tmp.resolve("exit-once"));
    ChildProcessIsolated<State> isolated =
        open(1, b -> b, BackendConfig.of(java.util.Map.of(FaultBackend.EXIT_ONCE_MARKER, marker.toString())));
    assertFalse(Files.exists(marker), "the first worker should have exited during the handshake");
    assertServes(isolated);
  }

  @Test
  void workerThatNeverStarts_opensTheBreaker_withAClearError() {
    ConfineException e =
        assertThrows(
            ConfineException.class,
            () -> open(1, b -> b.breaker(3, Duration.ofSeconds(30)), BackendConfig.of(java.util.Map.of(FaultBackend.ALWAYS_EXIT, "1"))));
    assertInstanceOf(BreakerOpenException.class, e);
    assertTrue(e.getMessage().contains("failed 3 times in a row"), e.getMessage());
    assertTrue(e.getMessage().contains("exited with code 43"), e.getMessage());
  }

  @Test
  void crashLoop_opensTheBreaker_andCallsFailFast() {
    ChildProcessIsolated<State> isolated = open(1, b -> b.breaker(2, Duration.ofSeconds(30)), BackendConfig.empty());
    assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.Halt(7)));
    assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.Halt(7)));
    ContractWorkloads.awaitCondition("the breaker to open", () -> {
      try {
        isolated.call(new FaultBackend.Echo("probe"));
        return false;
      } catch (BreakerOpenException e) {
        return true;
      } catch (WorkerCrashedException e) {
        return false;
      }
    }, 10_000);
    BreakerOpenException e = assertThrows(BreakerOpenException.class, () -> isolated.call(new FaultBackend.Echo("x")));
    assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
  }

  @Test
  void protocolVersionMismatch_isAClearError() {
    ConfineException e =
        assertThrows(ConfineException.class, () -> open(1, b -> b.jvmArgs("-Dconfine.worker.testProtocolVersion=99"), BackendConfig.empty()));
    assertTrue(e.getMessage().contains("protocol version mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("version 99"), e.getMessage());
  }

  @Test
  void outOfMemory_hasItsOwnExitCode() {
    ChildProcessIsolated<State> isolated = open(1, b -> b.jvmArgs("-Xmx32m"), BackendConfig.empty());
    WorkerCrashedException e = assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.ExhaustMemory()));
    assertTrue(e.getMessage().contains("ran out of memory"), e.getMessage());
    assertServes(isolated);
  }

  @Test
  void handlesOfACrashedWorker_failWithHandleLost() {
    ChildProcessIsolated<State> isolated = open(1);
    Handle h = isolated.call(new FaultBackend.OpenThing("thing-1"));
    assertEquals("thing-1", isolated.call(new FaultBackend.UseThing(h)));
    assertEquals(1, isolated.stats().handles());
    assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.Halt(9)));
    HandleLostException lost = assertThrows(HandleLostException.class, () -> isolated.call(new FaultBackend.UseThing(h)));
    assertTrue(lost.getMessage().contains(h.toString()), lost.getMessage());
    assertEquals(0, isolated.stats().handles());
    assertServes(isolated);
  }

  @Test
  void reopenableHandlesOfACrashedWorker_areReopenedOnAHealthyWorker() {
    ChildProcessIsolated<State> isolated = open(new ReopenableFaultBackend(), 2, b -> b, BackendConfig.empty());
    Handle h = isolated.call(new FaultBackend.OpenThing("thing-1"));
    long before = isolated.call(new FaultBackend.ThingOwnerPid(h));
    assertTrue(ProcessHandle.of(before).orElseThrow().destroyForcibly());
    assertGone(before);
    // the owner's death may be noticed before or by this call; either way the handle must come back
    long after = callSurvivingOneCrash(() -> isolated.call(new FaultBackend.ThingOwnerPid(h)));
    assertNotEquals(before, after, "the handle must now live in another worker");
    assertTrue(isolated.workerPids().contains(after));
    assertEquals("thing-1", isolated.call(new FaultBackend.UseThing(h)));
    assertEquals(1, isolated.stats().handles());
  }

  @Test
  void reopenableHandles_surviveTheirOnlyWorkersCrash_onItsReplacement() {
    ChildProcessIsolated<State> isolated = open(new ReopenableFaultBackend(), 1, b -> b, BackendConfig.empty());
    Handle a = isolated.call(new FaultBackend.OpenThing("a"));
    Handle b = isolated.call(new FaultBackend.OpenThing("b"));
    assertThrows(WorkerCrashedException.class, () -> isolated.call(new FaultBackend.Halt(9)));
    assertEquals("a", isolated.call(new FaultBackend.UseThing(a)));
    assertEquals("b", isolated.call(new FaultBackend.UseThing(b)));
    assertEquals(2, isolated.stats().handles());
    assertServes(isolated);
  }

  private static long callSurvivingOneCrash(java.util.function.Supplier<Long> call) {
    try {
      return call.get();
    } catch (WorkerCrashedException e) {
      return call.get();
    }
  }

  @Test
  void recycling_replacesWorkersAfterNCalls_withoutLosingCalls() {
    ChildProcessIsolated<State> isolated = open(1, b -> b.recycleAfterCalls(5), BackendConfig.empty());
    Set<Long> pids = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      pids.add(isolated.call(new FaultBackend.Pid()));
    }
    assertEquals(4, pids.size(), "16 calls, recycled every 5: " + pids);
    assertEquals(3, isolated.stats().restarts());
    pids.removeAll(isolated.workerPids());
    assertEquals(3, pids.size());
    pids.forEach(ChildProcessFaultTest::assertGone);
  }

  @Test
  void close_leavesNoWorkerBehind() {
    ChildProcessIsolated<State> isolated = open(3);
    List<Long> pids = isolated.workerPids();
    assertEquals(3, pids.size());
    isolated.close();
    pids.forEach(ChildProcessFaultTest::assertGone);
    assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
  }

  @Test
  void unregisteredCallType_isRejectedWithAClearError() {
    ChildProcessIsolated<State> isolated = open(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> isolated.call((s, c) -> "lambda"));
    assertTrue(e.getMessage().contains("not registered in the TypeRegistry of backend 'confine-test-faults'"), e.getMessage());
  }

  @Test
  void aWorkerInstantiatesOnlyItsOwnProvider_soABrokenOtherOneDoesNotStopIt() {
    // the parent names its backend's class; looking it up by id alone would instantiate every
    // registered provider, and this one throws in the workers' JVMs
    ChildProcessIsolated<State> isolated =
        open(1, b -> b.jvmArgs(ChildTesting.releaseFileArg(), "-Xmx64m", "-D" + BrokenProviderBackend.BREAK_PROPERTY + "=true"), BackendConfig.empty());
    assertServes(isolated);
  }
}
