package dev.confine.isolation.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The framing of the parent-worker protocol (internal; not exported): {@code magic(4) type(1)
 * requestId(8) length(4) payload(length)}, big-endian. The magic marker comes first so that stray
 * bytes on the stream are detected and reported, never parsed as a frame.
 *
 * <p>Not thread-safe: each stream has one reader and one writer at a time (callers take turns under
 * a lock).
 */
public final class Frames {
  /** "CnF1": marks the start of every frame. */
  public static final int MAGIC = 0x436E4631;

  public static final int PROTOCOL_VERSION = 1;

  /** parent to worker: backend id, config, handle id base. */
  public static final byte INIT = 1;
  /** worker to parent: protocol version, backend id, pid. */
  public static final byte READY = 2;
  /** worker to parent: opening the backend failed (error body). */
  public static final byte OPEN_FAILED = 3;
  /** parent to worker: a call. */
  public static final byte CALL = 4;
  /** worker to parent: a call's result. */
  public static final byte RESULT = 5;
  /** worker to parent: a call's failure. */
  public static final byte ERROR = 6;
  /** parent to worker: finish and exit. */
  public static final byte SHUTDOWN = 7;

  /** Worker exit codes, distinct from the JVM's own (1, 3 for OOM, 128+signal). */
  public static final int EXIT_OK = 0;

  public static final int EXIT_WATCHDOG_TIMEOUT = 17;
  public static final int EXIT_PARENT_GONE = 18;
  public static final int EXIT_PROTOCOL_ERROR = 19;
  public static final int EXIT_BAD_ARGUMENTS = 20;
  /** What {@code -XX:+ExitOnOutOfMemoryError} exits with. */
  public static final int EXIT_OUT_OF_MEMORY = 3;

  /** magic(4) type(1) requestId(8) length(4). */
  static final int HEADER_BYTES = 17;

  private Frames() {}

  /** One frame as read. */
  public record Frame(byte type, long requestId, byte[] payload) {}

  /** The stream broke the protocol: bad marker, bad length, unknown type or truncation. */
  public static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
      super(message);
    }
  }

  public static void write(DataOutputStream out, byte type, long requestId, byte[] payload) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(type);
    out.writeLong(requestId);
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  /**
   * Reads one frame.
   *
   * @return the frame, or null at a clean end of stream (before any byte of a frame)
   * @throws ProtocolException if the stream does not hold a well-formed frame; the message shows
   *     the offending bytes
   */
  public static Frame read(DataInputStream in, int maxPayloadBytes) throws IOException {
    byte[] head = new byte[HEADER_BYTES];
    int got = readFully(in, head);
    if (got == 0) {
      return null;
    }
    if (got < 4 || readInt(head, 0) != MAGIC) {
      byte[] more = new byte[512];
      int extra = Math.max(0, in.read(more));
      byte[] stray = new byte[got + extra];
      System.arraycopy(head, 0, stray, 0, got);
      System.arraycopy(more, 0, stray, got, extra);
      throw new ProtocolException(
          "stray bytes where a frame's marker was expected (did code in the worker write to the"
              + " protocol's file descriptor?): "
              + show(stray));
    }
    if (got < head.length) {
      throw new ProtocolException(String.format(Locale.ROOT, "truncated frame header: %d of 17 bytes", got));
    }
    byte type = head[4];
    if (type < INIT || type > SHUTDOWN) {
      throw new ProtocolException(String.format(Locale.ROOT, "unknown frame type %d", type));
    }
    long requestId = readLong(head, 5);
    int length = readInt(head, 13);
    if (length < 0 || length > maxPayloadBytes) {
      throw new ProtocolException(
          String.format(
              Locale.ROOT,
              "frame of type %d for request %d declares %d payload bytes; the limit is %d"
                  + " (ChildProcessOptions.maxFrameBytes)",
              type,
              requestId,
              length,
              maxPayloadBytes));
    }
    byte[] payload = new byte[length];
    int n = readFully(in, payload);
    if (n < length) {
      throw new ProtocolException(
          String.format(Locale.ROOT, "truncated frame: %d of %d payload bytes before end of stream", n, length));
    }
    return new Frame(type, requestId, payload);
  }

  /** {@link #frameReady}: a whole frame can be read without blocking. */
  public static final int READY_TO_READ = 1;
  /** {@link #frameReady}: not all of the next frame has arrived yet. */
  public static final int NOT_YET = 0;
  /** {@link #frameReady}: the next bytes are not a well-formed frame header; {@link #read} reports them. */
  public static final int MALFORMED = -1;

  /**
   * Whether {@link #read} would now return a whole frame without blocking: looks at the next
   * header without consuming it ({@code in} must support mark/reset, as a buffered stream does)
   * and compares its length with what is available. Never blocks. Frames larger than what the
   * stream can hold available at once are never ready; only a reader that may block reads them.
   */
  public static int frameReady(DataInputStream in, int maxPayloadBytes) throws IOException {
    // each available() may cost two system calls: asked once, again only if the frame was not whole
    int available = in.available();
    if (available < HEADER_BYTES) {
      return NOT_YET;
    }
    byte[] head = new byte[HEADER_BYTES];
    in.mark(HEADER_BYTES);
    int got = readFully(in, head);
    in.reset();
    if (got < HEADER_BYTES || readInt(head, 0) != MAGIC) {
      return MALFORMED;
    }
    int length = readInt(head, 13);
    if (length < 0 || length > maxPayloadBytes) {
      return MALFORMED;
    }
    return available >= HEADER_BYTES + length || in.available() >= HEADER_BYTES + length ? READY_TO_READ : NOT_YET;
  }

  private static int readFully(DataInputStream in, byte[] buf) throws IOException {
    int off = 0;
    while (off < buf.length) {
      int n;
      try {
        n = in.read(buf, off, buf.length - off);
      } catch (EOFException e) {
        n = -1;
      }
      if (n < 0) {
        break;
      }
      off += n;
    }
    return off;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  private static long readLong(byte[] b, int at) {
    return ((long) readInt(b, at) << 32) | (readInt(b, at + 4) & 0xffffffffL);
  }

  /** Printable text and hex of some bytes, for error messages. */
  public static String show(byte[] bytes) {
    StringBuilder text = new StringBuilder();
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, 256); i++) {
      int b = bytes[i] & 0xff;
      text.append(b >= 32 && b < 127 ? (char) b : '.');
      if (i < 64) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
    }
    return String.format(
        Locale.ROOT, "%d bytes \"%s\" (hex %s%s)", bytes.length, text, hex, bytes.length > 64 ? "..." : "");
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
