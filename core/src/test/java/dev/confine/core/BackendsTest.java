package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Backend lookup through ServiceLoader, by id and by id plus provider class. */
class BackendsTest {
  static final AtomicInteger ALPHAS = new AtomicInteger();
  static final AtomicInteger BETAS = new AtomicInteger();

  @Test
  void findById_instantiatesEveryProvider() {
    int betas = BETAS.get();
    assertInstanceOf(Alpha.class, Backends.find("test-alpha"));
    assertEquals(betas + 1, BETAS.get(), "a lookup by id alone has to ask every provider its id");
  }

  @Test
  void findByIdAndClass_instantiatesOnlyThatProvider() {
    int alphas = ALPHAS.get();
    int betas = BETAS.get();
    assertInstanceOf(Alpha.class, Backends.find("test-alpha", Alpha.class.getName()));
    assertEquals(alphas + 1, ALPHAS.get());
    assertEquals(betas, BETAS.get(), "the other provider is not instantiated");
  }

  @Test
  void findByIdAndClass_fallsBackToTheIdWhenTheClassIsNotRegisteredOrHasAnotherId() {
    assertInstanceOf(Alpha.class, Backends.find("test-alpha", "com.example.NotRegistered"));
    assertInstanceOf(Alpha.class, Backends.find("test-alpha", Beta.class.getName()));
  }

  @Test
  void findByIdAndClass_anUnknownIdNamesTheIdsThereAre() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backends.find("test-gamma", Alpha.class.getName()));
    assertTrue(e.getMessage().contains("'test-gamma'") && e.getMessage().contains("test-alpha") && e.getMessage().contains("test-beta"), e.getMessage());
  }

  /** A minimal backend that counts its instances. */
  abstract static class Counted implements Backend<Object> {
    private final String id;

    Counted(String id, AtomicInteger instances) {
      this.id = id;
      instances.incrementAndGet();
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public StateScope scope() {
      return StateScope.INSTANCE;
    }

    @Override
    public Object open(BackendConfig config) {
      return new Object();
    }

    @Override
    public void close(Object state) {}
  }

  /** A registered test backend. */
  public static final class Alpha extends Counted {
    public Alpha() {
      super("test-alpha", ALPHAS);
    }
  }

  /** Another registered test backend. */
  public static final class Beta extends Counted {
    public Beta() {
      super("test-beta", BETAS);
    }
  }
}
