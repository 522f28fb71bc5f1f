package dev.confine.core;

/**
 * The call names a handle its owner no longer holds: it was closed, or the worker that owned it died and the backend does not reopen handles.
 */
public class HandleLostException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public HandleLostException(String message) {
    super(message);
  }

  public HandleLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
