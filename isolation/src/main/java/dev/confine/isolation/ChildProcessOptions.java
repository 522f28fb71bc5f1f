package dev.confine.isolation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the child-process strategy ({@link Isolation#childProcesses(int,
 * ChildProcessOptions)}). Immutable and safe to share between threads; build with {@link
 * #newBuilder()}, or use {@link #defaults()}.
 */
public final class ChildProcessOptions {
  private static final ChildProcessOptions DEFAULTS = newBuilder().build();

  private final List<String> jvmArgs;
  private final boolean fastStartFlags;
  private final Duration startupTimeout;
  private final long recycleAfterCalls;
  private final Duration recycleAfterAge;
  private final int maxInFlightPerWorker;
  private final Duration gracePeriod;
  private final Duration restartBackoffBase;
  private final Duration restartBackoffMax;
  private final int breakerThreshold;
  private final Duration breakerCooldown;
  private final int maxFrameBytes;
  private final String classpath;
  private final Path javaBinary;
  private final int stderrLinesKept;

  private ChildProcessOptions(Builder b) {
    this.jvmArgs = List.copyOf(b.jvmArgs);
    this.fastStartFlags = b.fastStartFlags;
    this.startupTimeout = b.startupTimeout;
    this.recycleAfterCalls = b.recycleAfterCalls;
    this.recycleAfterAge = b.recycleAfterAge;
    this.maxInFlightPerWorker = b.maxInFlightPerWorker;
    this.gracePeriod = b.gracePeriod;
    this.restartBackoffBase = b.restartBackoffBase;
    this.restartBackoffMax = b.restartBackoffMax;
    this.breakerThreshold = b.breakerThreshold;
    this.breakerCooldown = b.breakerCooldown;
    this.maxFrameBytes = b.maxFrameBytes;
    this.classpath = b.classpath;
    this.javaBinary = b.javaBinary;
    this.stderrLinesKept = b.stderrLinesKept;
  }

  /** The defaults: no extra JVM options, 30 s start-up, no recycling, one call in flight. */
  public static ChildProcessOptions defaults() {
    return DEFAULTS;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** Extra options for each worker JVM, added after the strategy's own. */
  public List<String> jvmArgs() {
    return jvmArgs;
  }

  /**
   * Whether workers start with flags that favour start-up time: C1 only, serial GC, and an AppCDS
   * archive of the worker's classes, made once per JDK, class path of jars and backend by a short
   * background run and kept in the temporary directory (a class path with directories gets none).
   */
  public boolean fastStartFlags() {
    return fastStartFlags;
  }

  public Duration startupTimeout() {
    return startupTimeout;
  }

  /** Calls after which a worker is replaced; 0 for never. */
  public long recycleAfterCalls() {
    return recycleAfterCalls;
  }

  /** Age after which a worker is replaced; zero for never. */
  public Duration recycleAfterAge() {
    return recycleAfterAge;
  }

  /** Calls sent to one worker before its earlier ones answered; 1 (the default) means no pipelining. */
  public int maxInFlightPerWorker() {
    return maxInFlightPerWorker;
  }

  /** How long past a call's deadline a worker may stay silent before it is killed. */
  public Duration gracePeriod() {
    return gracePeriod;
  }

  public Duration restartBackoffBase() {
    return restartBackoffBase;
  }

  public Duration restartBackoffMax() {
    return restartBackoffMax;
  }

  /** Consecutive failed starts or crashes of one worker slot that open its breaker. */
  public int breakerThreshold() {
    return breakerThreshold;
  }

  /** How long an open breaker fails calls fast before one new start is tried. */
  public Duration breakerCooldown() {
    return breakerCooldown;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** The workers' class path; null means the parent's ({@code java.class.path}). */
  public String classpath() {
    return classpath;
  }

  /** The java launcher; null means the parent's own ({@code java.home}/bin/java). */
  public Path javaBinary() {
    return javaBinary;
  }

  public int stderrLinesKept() {
    return stderrLinesKept;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "ChildProcessOptions[jvmArgs=%s, startupTimeout=%s, recycleAfterCalls=%d, recycleAfterAge=%s,"
            + " maxInFlightPerWorker=%d, gracePeriod=%s, breakerThreshold=%d]",
        jvmArgs,
        startupTimeout,
        recycleAfterCalls,
        recycleAfterAge,
        maxInFlightPerWorker,
        gracePeriod,
        breakerThreshold);
  }

  /** Builds {@link ChildProcessOptions}. Not thread-safe. */
  public static final class Builder {
    private final List<String> jvmArgs = new ArrayList<>();
    private boolean fastStartFlags = true;
    private Duration startupTimeout = Duration.ofSeconds(30);
    private long recycleAfterCalls;
    private Duration recycleAfterAge = Duration.ZERO;
    private int maxInFlightPerWorker = 1;
    private Duration gracePeriod = Duration.ofSeconds(2);
    private Duration restartBackoffBase = Duration.ofMillis(50);
    private Duration restartBackoffMax = Duration.ofSeconds(5);
    private int breakerThreshold = 5;
    private Duration breakerCooldown = Duration.ofSeconds(30);
    private int maxFrameBytes = 16 << 20;
    private String classpath;
    private Path javaBinary;
    private int stderrLinesKept = 20;

    private Builder() {}

    /** Adds JVM options for each worker, e.g. {@code -Xmx256m}. */
    public Builder jvmArgs(List<String> args) {
      Objects.requireNonNull(args, "args");
      for (String a : args) {
        Objects.requireNonNull(a, "jvm arg");
        if (a.isBlank()) {
          throw new IllegalArgumentException("jvm args must not be blank: " + args);
        }
        jvmArgs.add(a);
      }
      return this;
    }

    public Builder jvmArgs(String... args) {
      return jvmArgs(List.of(args));
    }

    public Builder fastStartFlags(boolean on) {
      this.fastStartFlags = on;
      return this;
    }

    public Builder startupTimeout(Duration d) {
      this.startupTimeout = IsolatedBuilder.positive(d, "startupTimeout");
      return this;
    }

    public Builder recycleAfterCalls(long calls) {
      if (calls < 0) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "recycleAfterCalls must be 0 (never) or positive: %d", calls));
      }
      this.recycleAfterCalls = calls;
      return this;
    }

    public Builder recycleAfterAge(Duration age) {
      Objects.requireNonNull(age, "age");
      if (age.isNegative()) {
        throw new IllegalArgumentException("recycleAfterAge must be zero (never) or positive: " + age);
      }
      this.recycleAfterAge = age;
      return this;
    }

    /**
     * Lets up to {@code n} calls wait inside one worker (pipelining). A native crash then fails all
     * of them, not one; use only for backends that do not crash.
     */
    public Builder maxInFlightPerWorker(int n) {
      if (n < 1) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "maxInFlightPerWorker must be at least 1: %d", n));
      }
      this.maxInFlightPerWorker = n;
      return this;
    }

    public Builder gracePeriod(Duration d) {
      this.gracePeriod = IsolatedBuilder.positive(d, "gracePeriod");
      return this;
    }

    public Builder restartBackoff(Duration base, Duration max) {
      this.restartBackoffBase = IsolatedBuilder.positive(base, "restartBackoff base");
      this.restartBackoffMax = IsolatedBuilder.positive(max, "restartBackoff max");
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException("restartBackoff max " + max + " is below its base " + base);
      }
      return this;
    }

    public Builder breaker(int threshold, Duration cooldown) {
      if (threshold < 1) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "breaker threshold must be at least 1: %d", threshold));
      }
      this.breakerThreshold = threshold;
      this.breakerCooldown = IsolatedBuilder.positive(cooldown, "breaker cooldown");
      return this;
    }

    public Builder maxFrameBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "maxFrameBytes must be at least 1024: %d", bytes));
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    public Builder classpath(String cp) {
      Objects.requireNonNull(cp, "classpath");
      if (cp.isBlank()) {
        throw new IllegalArgumentException("classpath must not be blank");
      }
      this.classpath = cp;
      return this;
    }

    public Builder javaBinary(Path java) {
      this.javaBinary = Objects.requireNonNull(java, "java");
      return this;
    }

    public Builder stderrLinesKept(int n) {
      if (n < 1) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "stderrLinesKept must be at least 1: %d", n));
      }
      this.stderrLinesKept = n;
      return this;
    }

    public ChildProcessOptions build() {
      return new ChildProcessOptions(this);
    }
  }
}
