package dev.confine.isolation.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.core.Call;
import dev.confine.core.CallContext;
import dev.confine.core.TypeRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker prepares the mapper for the backend's registered types while it waits for its first
 * call. A type Jackson cannot handle must not stop that, nor hide its error: the call that uses it
 * reports it.
 */
class WirePreparedTypesTest {
  record Echo(String text) implements Call<Object, String> {
    @Override
    public String apply(Object state, CallContext context) {
      return text;
    }
  }

  record Result(int code, String text) {}

  /** No creator Jackson can find: its deserializer cannot be built. */
  static final class NoCreator implements Call<Object, String> {
    private final int n;

    NoCreator(int n, String unnamed) {
      this.n = n;
    }

    @Override
    public String apply(Object state, CallContext context) {
      return Integer.toString(n);
    }
  }

  /** Its class cannot be initialised: Jackson's first look at its constants fails. */
  enum BrokenInit {
    A;

    static {
      if (Boolean.parseBoolean("true")) {
        throw new IllegalStateException("static initialiser of a registered type failed");
      }
    }
  }

  @Test
  void aTypeWhoseClassCannotBeInitialised_doesNotStopTheWorker() {
    Wire.prepare(BrokenInit.class); // must not throw: the worker would exit before its first call
  }

  private final Wire wire =
      new Wire(
          TypeRegistry.newBuilder().register(Echo.class).register(NoCreator.class).register(Result.class).build(),
          "prepared-types-test");

  @Test
  void aTypeJacksonCannotHandle_isSkipped_andItsCallStillReportsWhy() throws Exception {
    for (Class<?> type : wire.registeredTypes()) {
      Wire.prepare(type); // must not throw for NoCreator
    }

    Call<Object, Object> echo = wire.decodeCall(wire.encodeCall(new Echo("hi"), 1_000)).call();
    assertEquals("hi", echo.apply(null, null));
    Wire.Reply reply = wire.decodeResult(wire.encodeResult(new Result(7, "seven"), List.of(), List.of()));
    assertEquals(new Result(7, "seven"), reply.value());

    byte[] noCreatorCall =
        "{\"type\":\"NoCreator\",\"timeoutMillis\":1000,\"call\":{\"n\":3}}".getBytes(StandardCharsets.UTF_8);
    IOException e = assertThrows(IOException.class, () -> wire.decodeCall(noCreatorCall));
    assertTrue(e.getMessage().contains(NoCreator.class.getName()), e.getMessage());
  }
}
