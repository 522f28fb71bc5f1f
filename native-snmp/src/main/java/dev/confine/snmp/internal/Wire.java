package dev.confine.snmp.internal;

import dev.confine.core.Handle;
import java.util.List;
import java.util.Locale;

/**
 * The plain records calls and results are made of, so they cross into child-process workers as
 * JSON unchanged. Public only because the client in the API package builds them; this package is
 * not exported.
 */
public final class Wire {
  private Wire() {}

  /** ASN.1 / SNMP type tags (Net-SNMP's ASN_* values). */
  public static final int INTEGER = 0x02;
  public static final int OCTET_STR = 0x04;
  public static final int NULL = 0x05;
  public static final int OBJECT_ID = 0x06;
  public static final int IPADDRESS = 0x40;
  public static final int COUNTER = 0x41;
  public static final int GAUGE = 0x42;
  public static final int TIMETICKS = 0x43;
  public static final int OPAQUE = 0x44;
  public static final int COUNTER64 = 0x46;
  public static final int NO_SUCH_OBJECT = 0x80;
  public static final int NO_SUCH_INSTANCE = 0x81;
  public static final int END_OF_MIB_VIEW = 0x82;

  /** PDU types. */
  public static final int GET = 0xA0;
  public static final int GETNEXT = 0xA1;
  public static final int SET = 0xA3;
  public static final int GETBULK = 0xA5;

  /**
   * One binding: numeric arcs, type tag, and the value as a number (integers, counters, gauges,
   * timeticks, counter64 as its 64 bits) or bytes (strings, opaque, IP address) or arcs (OID).
   */
  public record VarBindData(long[] oid, int type, long number, byte[] bytes, long[] oidValue) {}

  /** How to reach an agent; mirrors the public Target plus SNMPv3 user. */
  public record SessionSpec(
      String host,
      int port,
      int version,
      String community,
      String securityName,
      int securityLevel,
      String authProtocolOid,
      String authPassphrase,
      String privProtocolOid,
      String privPassphrase,
      long timeoutMicros,
      int retries,
      int maxResponseSize) {
    @Override
    public String toString() {
      return "SessionSpec[" + describe() + "]";
    }

    /** {@code host:port (v2c)} or {@code host:port (v3, user bob)}: for messages; passphrases stay out. */
    String describe() {
      String v = version == 0 ? "v1" : version == 1 ? "v2c" : "v3";
      return host + ":" + port + " (" + v + (securityName == null ? "" : ", user " + securityName) + ")";
    }

    /** The error for a request nobody answered: what was waited for, and what to check. */
    String noResponseMessage() {
      int tries = retries + 1;
      return String.format(
          Locale.ROOT,
          "no response from %s: %d %s of %.1f s each (retries %d). Check that the agent runs and listens on"
              + " that UDP port%s, or raise the timeout.",
          describe(),
          tries,
          tries == 1 ? "try" : "tries",
          timeoutMicros / 1e6,
          retries,
          version == 3
              ? ""
              : " and that the community is right (an agent drops a request with a wrong community without answering)");
    }
  }

  /** What failed, for the client to turn into the public exception type. */
  public enum ErrorKind {
    TIMEOUT,
    AUTHENTICATION,
    ERROR_STATUS,
    BAD_INPUT,
    OTHER
  }

  /** A request's outcome: bindings, or an error (kind, error-status and -index, message). */
  public record Response(List<VarBindData> bindings, ErrorKind error, int errorStatus, int errorIndex, String message) {
    static Response ok(List<VarBindData> bindings) {
      return new Response(bindings, null, 0, 0, null);
    }

    static Response failed(ErrorKind kind, String message) {
      return new Response(List.of(), kind, 0, 0, message);
    }
  }

  /** The outcome of opening a session: its handle, or an error. */
  public record Opened(Handle handle, ErrorKind error, String message) {}

  /** The outcome of resolving a name: arcs, or an error message. */
  public record Resolved(long[] oid, String message) {}
}
