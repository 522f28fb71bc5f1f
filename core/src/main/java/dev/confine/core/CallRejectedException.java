package dev.confine.core;

/**
 * The call was refused without being run: the queue was full and the strategy is configured to reject, or the call is malformed for this strategy (e.g. not serializable across processes).
 */
public class CallRejectedException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public CallRejectedException(String message) {
    super(message);
  }

  public CallRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
