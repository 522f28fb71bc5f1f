package dev.confine.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A point in time by which something must end, measured on a {@link Ticker}.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Deadline implements Comparable<Deadline> {
  private static final long NONE = Long.MAX_VALUE;
  /** About 146 years: far enough to mean "never", small enough not to overflow. */
  private static final long MAX_NANOS = Long.MAX_VALUE / 2;

  private final Ticker ticker;
  private final long atNanos;

  private Deadline(Ticker ticker, long atNanos) {
    this.ticker = ticker;
    this.atNanos = atNanos;
  }

  /** A deadline {@code timeout} from now on the system ticker. */
  public static Deadline after(Duration timeout) {
    return after(timeout, Ticker.system());
  }

  /**
   * A deadline {@code timeout} from now on {@code ticker}.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static Deadline after(Duration timeout, Ticker ticker) {
    Objects.requireNonNull(ticker, "ticker");
    return after(timeout, ticker, ticker.nanos());
  }

  /**
   * A deadline {@code timeout} after {@code startNanos}, a reading of {@code ticker} the caller has
   * already taken: for hot paths that read the clock once for several purposes (a clock read costs
   * tens of nanoseconds on virtual machines).
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public static Deadline after(Duration timeout, Ticker ticker, long startNanos) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(ticker, "ticker");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    long nanos;
    try {
      nanos = Math.min(timeout.toNanos(), MAX_NANOS);
    } catch (ArithmeticException overflow) {
      nanos = MAX_NANOS;
    }
    return new Deadline(ticker, startNanos + nanos);
  }

  /** A deadline that never passes. */
  public static Deadline none() {
    return new Deadline(Ticker.system(), NONE);
  }

  /** Whether this deadline never passes. */
  public boolean isNone() {
    return atNanos == NONE;
  }

  /** Nanoseconds left; zero or negative once passed; {@link Long#MAX_VALUE} for {@link #none()}. */
  public long remainingNanos() {
    return atNanos == NONE ? Long.MAX_VALUE : atNanos - ticker.nanos();
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, remainingNanos()));
  }

  /** Whether the deadline has passed. */
  public boolean isExpired() {
    return remainingNanos() <= 0;
  }

  /** The earlier of this and {@code other}. */
  public Deadline min(Deadline other) {
    return compareTo(other) <= 0 ? this : other;
  }

  @Override
  public int compareTo(Deadline other) {
    return Long.compare(remainingNanos(), other.remainingNanos());
  }

  @Override
  public String toString() {
    return isNone()
        ? "Deadline[none]"
        : String.format(Locale.ROOT, "Deadline[%.3f ms left]", remainingNanos() / 1e6);
  }
}
