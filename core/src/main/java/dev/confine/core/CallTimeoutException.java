package dev.confine.core;

/**
 * The call did not end before its deadline. If it had already started it may still run to its end; its result is then discarded, never delivered to another caller.
 */
public class CallTimeoutException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public CallTimeoutException(String message) {
    super(message);
  }

  public CallTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
