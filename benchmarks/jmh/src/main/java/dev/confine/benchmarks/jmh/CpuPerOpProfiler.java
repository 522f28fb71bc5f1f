package dev.confine.benchmarks.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, in microseconds, of the client and of the agent it talks to: {@code
 * cpu.client} is the benchmark JVM plus its child processes (child-process workers), {@code
 * cpu.agent} is the process a benchmark registered with {@link #watchAgent(long)} (the private
 * snmpd). Throughput against an agent on the same two cores measures whichever side saturates
 * them; CPU per operation says what each side costs, and the client's is what polling remote
 * devices costs (the agent is then someone else's CPU).
 *
 * <p>Read from {@code /proc/<pid>/stat} (user + system time, in clock ticks of 10 ms) at each
 * iteration's start and end, divided by the iteration's operations (all threads). Linux only;
 * elsewhere it reports nothing. An iteration whose agent was registered during it (the first
 * one, whose set-up starts the agent) gets no agent figure.
 *
 * <p>JMH runs a trial's {@code @TearDown(Level.Trial)} inside its last iteration, before the
 * profilers' {@code afterIteration}: by then the agent and the workers are gone and their CPU
 * time with them, and JMH fills a secondary result missing from one iteration with zero. A
 * benchmark whose tear-down stops processes therefore calls {@link #endOfTrial()} first, and the
 * last iteration is read from that snapshot. Thread-safe for JMH's use (one benchmark at a time
 * per JVM).
 */
public final class CpuPerOpProfiler implements InternalProfiler {
  /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat}'s times, is 100 on every architecture it exposes. */
  private static final double MICROS_PER_TICK = 10_000;

  private static volatile long agentPid = -1;
  /** Set by {@link #endOfTrial()}, cleared at each iteration's start. */
  private static volatile Snapshot atTearDown;

  private record Snapshot(Map<Long, Long> client, long agent) {}

  private long agentAtStart;
  private long agentPidAtStart = -1;
  private Map<Long, Long> clientAtStart = Map.of();

  /** Counts {@code pid}'s CPU time as the agent's (and no longer as the client's) from the next iteration on. */
  public static void watchAgent(long pid) {
    agentPid = pid;
  }

  /**
   * Reads the client's and the agent's CPU time now, for the iteration under way to end with;
   * called by a trial's tear-down before it stops the agent or the client's child processes.
   */
  public static void endOfTrial() {
    long agent = agentPid;
    atTearDown = new Snapshot(clientTicks(), agent > 0 ? ticks(agent) : -1);
  }

  @Override
  public String getDescription() {
    return "CPU time per operation of the client (this JVM and its child processes) and of a registered agent process";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    atTearDown = null;
    agentPidAtStart = agentPid;
    agentAtStart = agentPidAtStart > 0 ? ticks(agentPidAtStart) : -1;
    clientAtStart = clientTicks();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    List<Result> out = new ArrayList<>();
    if (ops <= 0) {
      return out;
    }
    Snapshot end = atTearDown;
    Map<Long, Long> clientNow = end != null ? end.client() : clientTicks();
    long client = 0;
    for (Map.Entry<Long, Long> e : clientNow.entrySet()) {
      // a worker started during the iteration counts from zero
      client += e.getValue() - clientAtStart.getOrDefault(e.getKey(), 0L);
    }
    if (!clientAtStart.isEmpty()) {
      out.add(new ScalarResult("cpu.client", client * MICROS_PER_TICK / ops, "us/op", AggregationPolicy.AVG));
    }
    if (agentPidAtStart > 0 && agentPidAtStart == agentPid && agentAtStart >= 0) {
      long now = end != null ? end.agent() : ticks(agentPidAtStart);
      if (now >= 0) {
        out.add(new ScalarResult("cpu.agent", (now - agentAtStart) * MICROS_PER_TICK / ops, "us/op", AggregationPolicy.AVG));
      }
    }
    return out;
  }

  /** This JVM and its living descendants but the agent, by pid; empty where there is no {@code /proc}. */
  private static Map<Long, Long> clientTicks() {
    Map<Long, Long> ticks = new HashMap<>();
    long self = ProcessHandle.current().pid();
    long t = ticks(self);
    if (t < 0) {
      return Map.of();
    }
    ticks.put(self, t);
    long agent = agentPid;
    ProcessHandle.current()
        .descendants()
        .filter(p -> p.pid() != agent && p.parent().map(q -> q.pid() != agent).orElse(true))
        .forEach(
            p -> {
              long d = ticks(p.pid());
              if (d >= 0) {
                ticks.put(p.pid(), d);
              }
            });
    return ticks;
  }

  /** utime + stime of {@code pid} in clock ticks, or -1 if it cannot be read (gone, not Linux). */
  static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which is in parentheses and may contain spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime and stime are fields 14 and 15
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
