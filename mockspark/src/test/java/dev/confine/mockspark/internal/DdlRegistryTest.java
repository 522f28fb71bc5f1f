package dev.confine.mockspark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.core.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DdlRegistryTest {
  @Test
  void namesOfOneDuckDbObjectShareOneKey() {
    assertEquals(DdlRegistry.key("TABLE", "t"), DdlRegistry.key("table", "\"T\""));
    assertEquals(DdlRegistry.key("TABLE", "s.t"), DdlRegistry.key("Table", "\"S\".\"t\""));
    assertEquals("TABLE a.b.c", DdlRegistry.key("table", "A.\"B\".c"));
    assertEquals("TABLE we\"ird.x", DdlRegistry.key("TABLE", "\"We\"\"ird\".x"));
    assertEquals("TABLE a.b", DdlRegistry.key("TABLE", "\"a.b\""), "a dot inside quotes is part of the name");
    assertNotEquals(DdlRegistry.key("TABLE", "t"), DdlRegistry.key("VIEW", "t"));
    assertNotEquals(DdlRegistry.key("TABLE", "s.t"), DdlRegistry.key("TABLE", "t"));
  }

  @Test
  void malformedNamesAreRejectedWithTheName() {
    IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> DdlRegistry.key("TABLE", "\"t"));
    assertTrue(open.getMessage().contains("\"t") && open.getMessage().contains("unclosed"), open.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> DdlRegistry.key("TABLE", "s..t"));
    assertTrue(empty.getMessage().contains("'s..t'"), empty.getMessage());
  }

  @Test
  void retriesWriteWriteConflictsThenGivesTheLastFailure() {
    RetryPolicy noSleep = RetryPolicy.newBuilder().maxAttempts(3).initialDelay(Duration.ofMillis(1))
        .maxDelay(Duration.ofMillis(1)).sleeper(d -> { }).retryOn(e -> e.getMessage().contains("write-write conflict"))
        .build();
    DdlRegistry registry = new DdlRegistry("t", noSleep);
    AtomicInteger attempts = new AtomicInteger();
    assertEquals("ok", registry.run("TABLE", "t", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new IllegalStateException("Catalog write-write conflict on create with \"t\"");
      }
      return "ok";
    }));
    assertEquals(3, attempts.get());
    attempts.set(0);
    IllegalStateException last = assertThrows(IllegalStateException.class, () -> registry.run("TABLE", "t", () -> {
      attempts.incrementAndGet();
      throw new IllegalStateException("write-write conflict #" + attempts.get());
    }));
    assertTrue(last.getMessage().contains("#3"), last.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> registry.run("TABLE", "t", () -> {
      throw new UnsupportedOperationException("not retried");
    }));
    assertEquals(0, registry.activeNames(), "no lock entry outlives its DDL");
  }
}
