package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.worker.Frames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Malformed streams are reported, never parsed as frames. */
class FramesTest {
  private static byte[] frame(byte type, long id, byte[] payload) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Frames.write(new DataOutputStream(b), type, id, payload);
    return b.toByteArray();
  }

  private static Frames.Frame read(byte[] bytes, int max) throws Exception {
    return Frames.read(new DataInputStream(new ByteArrayInputStream(bytes)), max);
  }

  @Test
  void roundTrip() throws Exception {
    Frames.Frame f = read(frame(Frames.CALL, 42, "{}".getBytes(StandardCharsets.UTF_8)), 1024);
    assertEquals(Frames.CALL, f.type());
    assertEquals(42, f.requestId());
    assertArrayEquals("{}".getBytes(StandardCharsets.UTF_8), f.payload());
    assertNull(read(new byte[0], 1024), "clean end of stream");
  }

  @Test
  void tooLarge_truncated_stray_unknownType_areProtocolErrors() throws Exception {
    byte[] big = frame(Frames.RESULT, 1, new byte[2048]);
    var e = assertThrows(Frames.ProtocolException.class, () -> read(big, 1024));
    assertTrue(e.getMessage().contains("declares 2048 payload bytes; the limit is 1024"), e.getMessage());

    byte[] cut = Arrays.copyOf(frame(Frames.RESULT, 1, new byte[100]), 60);
    e = assertThrows(Frames.ProtocolException.class, () -> read(cut, 1024));
    assertTrue(e.getMessage().contains("truncated frame: 43 of 100"), e.getMessage());

    e = assertThrows(Frames.ProtocolException.class, () -> read("hello world, I am a printf".getBytes(StandardCharsets.UTF_8), 1024));
    assertTrue(e.getMessage().contains("stray bytes") && e.getMessage().contains("hello world"), e.getMessage());

    byte[] unknown = frame(Frames.RESULT, 1, new byte[0]);
    unknown[4] = 99;
    e = assertThrows(Frames.ProtocolException.class, () -> read(unknown, 1024));
    assertTrue(e.getMessage().contains("unknown frame type 99"), e.getMessage());

    e = assertThrows(Frames.ProtocolException.class, () -> read(Arrays.copyOf(frame(Frames.RESULT, 1, new byte[0]), 10), 1024));
    assertTrue(e.getMessage().contains("truncated frame header"), e.getMessage());
  }

  private static DataInputStream buffered(byte[] bytes) {
    return new DataInputStream(new java.io.BufferedInputStream(new ByteArrayInputStream(bytes), 1 << 16));
  }

  /** A caller reading its own answer must never block: frameReady says when read will not. */
  @Test
  void frameReady_saysWhenAWholeFrameIsThere_withoutConsumingIt() throws Exception {
    byte[] one = frame(Frames.RESULT, 7, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals(Frames.NOT_YET, Frames.frameReady(buffered(new byte[0]), 1024));
    assertEquals(Frames.NOT_YET, Frames.frameReady(buffered(Arrays.copyOf(one, 10)), 1024), "part of the header");
    assertEquals(Frames.NOT_YET, Frames.frameReady(buffered(Arrays.copyOf(one, one.length - 1)), 1024), "all but one byte");

    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    DataInputStream in = buffered(two);
    for (int i = 0; i < 2; i++) {
      assertEquals(Frames.READY_TO_READ, Frames.frameReady(in, 1024));
      assertEquals(Frames.READY_TO_READ, Frames.frameReady(in, 1024), "looking twice consumes nothing");
      Frames.Frame f = Frames.read(in, 1024);
      assertEquals(7, f.requestId());
      assertEquals("{\"v\":1}", new String(f.payload(), StandardCharsets.UTF_8));
    }
    assertEquals(Frames.NOT_YET, Frames.frameReady(in, 1024), "nothing left");

    DataInputStream stray = buffered("hello world, I am a printf".getBytes(StandardCharsets.UTF_8));
    assertEquals(Frames.MALFORMED, Frames.frameReady(stray, 1024));
    var e = assertThrows(Frames.ProtocolException.class, () -> Frames.read(stray, 1024));
    assertTrue(e.getMessage().contains("hello world"), "the bytes are left for read to report: " + e.getMessage());

    assertEquals(Frames.MALFORMED, Frames.frameReady(buffered(frame(Frames.RESULT, 1, new byte[2048])), 1024), "over the limit");
  }
}
