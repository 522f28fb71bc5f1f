package dev.confine.core;

/**
 * The isolated backend is closed, or closed while the call was queued or running.
 */
public class IsolationClosedException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public IsolationClosedException(String message) {
    super(message);
  }

  public IsolationClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
