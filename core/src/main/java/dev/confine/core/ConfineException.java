package dev.confine.core;

/**
 * The root of every error Confine raises itself: isolation failures (timeout, crash, lost handle,
 * closed, rejected) and {@link BackendException}, which carries a backend's own failure.
 *
 * <p>Unchecked, so that the same call code works under every strategy.
 */
public class ConfineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfineException(String message) {
    super(message);
  }

  public ConfineException(String message, Throwable cause) {
    super(message, cause);
  }
}
