package dev.confine.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Retries work that fails transiently, waiting between attempts with exponential back-off and
 * "full jitter" (a random delay between zero and the exponential bound), so that many threads
 * that failed together do not retry together.
 *
 * <p>Immutable and safe to share; each {@link #call} keeps its own attempt count. Build one with
 * {@link #newBuilder()}.
 */
public final class RetryPolicy {
  /** Waits between attempts; injectable so tests need not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    static Sleeper threadSleep() {
      return d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    }
  }

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Predicate<? super Exception> retryOn;
  private final Sleeper sleeper;
  private final LongSupplier random;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.retryOn = b.retryOn;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * The upper bound of the wait after failed attempt {@code attempt} (1-based): {@code
   * initialDelay * multiplier^(attempt-1)}, capped at {@code maxDelay}.
   */
  public Duration ceilingAfter(int attempt) {
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return Duration.ofNanos((long) Math.min(nanos, maxDelay.toNanos()));
  }

  /** The actual wait after attempt {@code attempt}: uniform in [0, ceiling]. */
  Duration delayAfter(int attempt) {
    long ceiling = ceilingAfter(attempt).toNanos();
    return Duration.ofNanos(ceiling == 0 ? 0 : Math.floorMod(random.getAsLong(), ceiling + 1));
  }

  /**
   * Runs {@code work}, retrying failures that {@code retryOn} accepts until it succeeds, the
   * attempts are used up, or the next wait would pass {@code deadline}. The last failure is
   * rethrown with the earlier ones attached as suppressed exceptions.
   */
  public <T> T call(Callable<T> work, Deadline deadline) throws Exception {
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(deadline, "deadline");
    Exception first = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return work.call();
      } catch (Exception e) {
        if (first != null && first != e) {
          e.addSuppressed(first);
        }
        if (!retryOn.test(e) || attempt >= maxAttempts) {
          throw e;
        }
        Duration wait = delayAfter(attempt);
        if (deadline.remainingNanos() <= wait.toNanos()) {
          throw e;
        }
        first = stripSuppressed(e);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new CallInterruptedException("interrupted between retries", e);
        }
      }
    }
  }

  private static Exception stripSuppressed(Exception e) {
    return e; // the chain is kept as-is; only the newest failure carries the earlier one
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "RetryPolicy[maxAttempts=%d, initialDelay=%s, maxDelay=%s, multiplier=%.2f, full jitter]",
        maxAttempts,
        initialDelay,
        maxDelay,
        multiplier);
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 8;
    private Duration initialDelay = Duration.ofMillis(2);
    private Duration maxDelay = Duration.ofMillis(500);
    private double multiplier = 2.0;
    private Predicate<? super Exception> retryOn = e -> true;
    private Sleeper sleeper = Sleeper.threadSleep();
    private LongSupplier random = () -> ThreadLocalRandom.current().nextLong();

    private Builder() {}

    /** Total attempts including the first; at least 1. Default 8. */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /** Ceiling of the first wait; positive. Default 2 ms. */
    public Builder initialDelay(Duration d) {
      Objects.requireNonNull(d, "initialDelay");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("initialDelay must be positive: " + d);
      }
      this.initialDelay = d;
      return this;
    }

    /** Cap of every wait; at least the initial delay. Default 500 ms. */
    public Builder maxDelay(Duration d) {
      Objects.requireNonNull(d, "maxDelay");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("maxDelay must be positive: " + d);
      }
      this.maxDelay = d;
      return this;
    }

    /** Growth per attempt; at least 1. Default 2. */
    public Builder multiplier(double m) {
      if (!(m >= 1.0) || Double.isInfinite(m)) {
        throw new IllegalArgumentException("multiplier must be a finite number >= 1: " + m);
      }
      this.multiplier = m;
      return this;
    }

    /** Which failures are worth retrying. Default: all. */
    public Builder retryOn(Predicate<? super Exception> p) {
      this.retryOn = Objects.requireNonNull(p, "retryOn");
      return this;
    }

    /** How to wait (tests inject a recorder). */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    /** Source of randomness for jitter (tests inject a fixed sequence). */
    public Builder random(LongSupplier r) {
      this.random = Objects.requireNonNull(r, "random");
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay " + maxDelay + " is less than initialDelay " + initialDelay);
      }
      return new RetryPolicy(this);
    }
  }
}
