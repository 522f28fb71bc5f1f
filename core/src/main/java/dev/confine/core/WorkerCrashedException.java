package dev.confine.core;

/**
 * A child-process worker exited, was killed, crashed in native code or stopped answering while running this call. The message carries the exit code or signal and the last lines of the worker's stderr. The call may or may not have taken effect.
 */
public class WorkerCrashedException extends ConfineException {
  private static final long serialVersionUID = 1L;

  public WorkerCrashedException(String message) {
    super(message);
  }

  public WorkerCrashedException(String message, Throwable cause) {
    super(message, cause);
  }
}
