package dev.confine.snmp;

import java.util.Locale;

/**
 * The agent answered with a non-zero error-status (e.g. tooBig, noSuchName, wrongType, notWritable).
 * {@link #status()} is the RFC 3416 code, {@link #statusName()} its name, {@link #index()} the
 * 1-based varbind it refers to (0 if none).
 */
public final class SnmpErrorStatusException extends SnmpException {
  private static final long serialVersionUID = 1L;

  private static final String[] NAMES = {
    "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
    "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
    "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
    "inconsistentName"
  };

  private final int status;
  private final int index;

  public SnmpErrorStatusException(int status, int index, String detail) {
    super(String.format(Locale.ROOT, "agent returned error-status %s(%d) at varbind %d%s", nameOf(status), status, index, detail == null ? "" : ": " + detail));
    this.status = status;
    this.index = index;
  }

  static String nameOf(int status) {
    return status >= 0 && status < NAMES.length ? NAMES[status] : "unknown";
  }

  public int status() {
    return status;
  }

  public String statusName() {
    return nameOf(status);
  }

  public int index() {
    return index;
  }
}
