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
}
