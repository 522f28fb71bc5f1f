package dev.confine.graphistry;

import dev.confine.core.ConfineException;

/**
 * A Graphistry call failed: bad input (a missing binding, an absent column, an unsupported type),
 * a login or token problem, a non-2xx answer from the server ({@link #status()}), or a timeout.
 * Messages never contain passwords, key secrets or tokens.
 */
public class GraphistryException extends ConfineException {
  private static final long serialVersionUID = 1L;
  private final int status;

  GraphistryException(String message) {
    this(message, 0, null);
  }

  GraphistryException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  GraphistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status the server answered with, or 0 when the failure was not an HTTP answer. */
  public int status() {
    return status;
  }
}
