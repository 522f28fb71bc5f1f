package dev.confine.core;

/**
 * The calling thread was interrupted while waiting. The thread's interrupt status is set again before this is thrown. If the call had already started its result is discarded.
 */
public class CallInterruptedException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public CallInterruptedException(String message) {
    super(message);
  }

  public CallInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
