package dev.confine.core;

/**
 * Workers kept crashing (a crash loop), so the strategy stopped restarting them for a while; the message says how many crashed, why the last one did and when it will try again.
 */
public class BreakerOpenException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public BreakerOpenException(String message) {
    super(message);
  }

  public BreakerOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
