package dev.confine.core;

/**
 * A source of monotonic nanoseconds. Injected wherever time matters, so that tests advance time
 * instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanos();

  /**
   * {@link System#nanoTime()}; always the same instance, so hot paths can tell by identity that a
   * reading of {@code System.nanoTime()} they already took is a reading of this ticker.
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}

/** The one {@link Ticker#system()} instance. */
final class SystemTicker implements Ticker {
  static final SystemTicker INSTANCE = new SystemTicker();

  private SystemTicker() {}

  @Override
  public long nanos() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "Ticker.system()";
  }
}
