package dev.confine.isolation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker reads INIT with the streaming parser (its mapper is still being set up then). */
class WorkerInitTest {
  @Test
  void readsWhatTheParentWrites() throws Exception {
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("maxFrameBytes", 4096);
    init.put("graceMillis", 250L);
    init.put("handleIdBase", 1L << 40);
    init.put("unknownFromANewerParent", Map.of("nested", List.of(1, 2, Map.of("x", "y"))));
    init.put("config", Map.of("threads", "4", "path", "/tmp/a b"));
    init.put("parentPid", 12345L);
    WorkerMain.Init got = WorkerMain.Init.parse(Wire.json(init));
    assertEquals(new WorkerMain.Init(4096, 250, 1L << 40, Map.of("threads", "4", "path", "/tmp/a b"), 12345), got);
  }

  @Test
  void missingFieldsTakeTheirDefaultsAndNonTextConfigValuesReadAsText() throws Exception {
    byte[] json = "{\"config\":{\"n\":7,\"flag\":true,\"nested\":{\"a\":1},\"list\":[1]}}".getBytes(StandardCharsets.UTF_8);
    WorkerMain.Init got = WorkerMain.Init.parse(json);
    assertEquals(16 << 20, got.maxFrameBytes());
    assertEquals(5_000, got.graceMillis());
    assertEquals(-1, got.parentPid());
    assertEquals(Map.of("n", "7", "flag", "true", "nested", "", "list", ""), got.config());
  }

  @Test
  void anInitThatIsNotAnObjectIsAProtocolError() {
    assertThrows(Frames.ProtocolException.class,
        () -> WorkerMain.Init.parse("[1,2]".getBytes(StandardCharsets.UTF_8)));
  }
}
