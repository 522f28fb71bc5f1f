package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deadline, BackendConfig, TypeRegistry, Handle, BackendException: values and their checks. */
class ValuesTest {

  @Test
  void deadline_followsItsTicker() {
    long[] now = {1_000};
    Deadline d = Deadline.after(Duration.ofMillis(5), () -> now[0]);
    assertEquals(5_000_000, d.remainingNanos());
    assertFalse(d.isExpired());
    now[0] += 5_000_000;
    assertTrue(d.isExpired());
    assertEquals(Duration.ZERO, d.remaining());
    assertTrue(Deadline.none().isNone());
    assertEquals(Long.MAX_VALUE, Deadline.none().remainingNanos());
    assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ofMillis(-1)));
    assertFalse(Deadline.after(Duration.ofSeconds(Long.MAX_VALUE)).isExpired(), "huge timeouts must not overflow");
  }

  @Test
  void backendConfig_isImmutable_namesBadInput_andHidesValues() throws Exception {
    BackendConfig c = BackendConfig.of(Map.of("b", "2", "a", "secret"));
    assertEquals("BackendConfig[a, b]", c.toString());
    assertEquals(2, c.getInt("b", 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.getInt("a", 0));
    assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("integer"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("x", "y"));
    ObjectMapper json = new ObjectMapper();
    assertEquals(c, json.readValue(json.writeValueAsString(c), BackendConfig.class));
    java.util.HashMap<String, String> withNull = new java.util.HashMap<>();
    withNull.put("k", null);
    assertThrows(IllegalArgumentException.class, () -> BackendConfig.of(withNull));
  }

  @Test
  void typeRegistry_refusesMalformedAndConflictingNames() {
    TypeRegistry r = TypeRegistry.newBuilder().register(String.class).register("n", Integer.class).build();
    assertEquals(Integer.class, r.typeOf("n").orElseThrow());
    assertEquals("String", r.nameOf(String.class).orElseThrow());
    assertTrue(r.typeOf("java.lang.Runtime").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> TypeRegistry.newBuilder().register("1bad", String.class));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TypeRegistry.newBuilder().register("x", String.class).register("x", Integer.class));
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
  }

  @Test
  void handle_roundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Handle h = new Handle(7, "session");
    assertEquals(h, json.readValue(json.writeValueAsString(h), Handle.class));
    assertEquals("session#7", h.toString());
    assertThrows(IllegalArgumentException.class, () -> new Handle(1, " "));
  }

  @Test
  void backendException_keepsTypeMessageAndStack_inProcessAndRebuilt() {
    BackendException local = new BackendException(new IllegalStateException("boom"));
    assertEquals("java.lang.IllegalStateException", local.remoteType());
    assertEquals("boom", local.remoteMessage());
    assertTrue(local.remoteStackTrace().contains("ValuesTest"));
    assertTrue(local.getCause() instanceof IllegalStateException);
    BackendException remote =
        new BackendException(local.remoteType(), local.remoteMessage(), local.remoteStackTrace());
    assertEquals(local.getMessage(), remote.getMessage());
    assertTrue(remote.isA(IllegalStateException.class));
  }
}
