package dev.confine.core;

import java.util.Objects;

/**
 * A backend's own failure: the call ran and threw. Carries the original exception's type name,
 * message and stack trace as text, identically under every strategy; in-process strategies also
 * keep the original exception as the {@linkplain #getCause() cause}.
 */
public class BackendException extends ConfineException {
  private static final long serialVersionUID = 1L;

  private final String remoteType;
  private final String remoteMessage;
  private final String remoteStackTrace;

  /** Wraps a failure thrown in this process. */
  public BackendException(Throwable cause) {
    super(describe(cause.getClass().getName(), cause.getMessage()), cause);
    this.remoteType = cause.getClass().getName();
    this.remoteMessage = cause.getMessage();
    this.remoteStackTrace = stackTraceOf(cause);
  }

  /** Rebuilds a failure reported by another process. */
  public BackendException(String remoteType, String remoteMessage, String remoteStackTrace) {
    super(describe(Objects.requireNonNull(remoteType, "remoteType"), remoteMessage));
    this.remoteType = remoteType;
    this.remoteMessage = remoteMessage;
    this.remoteStackTrace = remoteStackTrace == null ? "" : remoteStackTrace;
  }

  /** The fully qualified class name of the exception the backend threw. */
  public String remoteType() {
    return remoteType;
  }

  /** Its message, possibly null. */
  public String remoteMessage() {
    return remoteMessage;
  }

  /** Its stack trace (with causes) as printed by {@link Throwable#printStackTrace()}. */
  public String remoteStackTrace() {
    return remoteStackTrace;
  }

  /** Whether the backend's exception was of {@code type} (by name, so it works across processes). */
  public boolean isA(Class<? extends Throwable> type) {
    return type.getName().equals(remoteType);
  }

  private static String describe(String type, String message) {
    return message == null ? type : type + ": " + message;
  }

  /** Renders {@code t} and its causes as text, the way {@code printStackTrace} does. */
  public static String stackTraceOf(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
