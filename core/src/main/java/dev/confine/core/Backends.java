package dev.confine.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds {@link Backend} implementations through {@link ServiceLoader}. Thread-safe; every lookup
 * loads afresh, as it is only done when a backend or worker starts.
 */
public final class Backends {
  private Backends() {}

  /**
   * The backend registered with {@code id}.
   *
   * @throws IllegalArgumentException if none or several are registered with that id; the message
   *     lists the ids that are
   */
  public static Backend<?> find(String id) {
    Objects.requireNonNull(id, "id");
    List<Backend<?>> matches = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Backend<?> b : ServiceLoader.load(Backend.class, classLoader())) {
      ids.add(b.id());
      if (b.id().equals(id)) {
        matches.add(b);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "no backend with id '%s' on the class path; found %s. Register it in"
                  + " META-INF/services/dev.confine.core.Backend.",
              id,
              ids));
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "%d backends claim id '%s': %s", matches.size(), id, matches));
  }

  /**
   * The backend registered with {@code id} whose provider class is named {@code providerClass}: of
   * the registered providers only that one is instantiated (a class path can carry several
   * backends, and each one's construction loads and initialises its classes). Falls back to {@link
   * #find(String)}, with its checks and messages, when no provider of that class is registered or
   * the one that is reports another id. Used by child-process workers, whose parent already holds
   * an instance and names its class.
   */
  @SuppressWarnings("rawtypes")
  public static Backend<?> find(String id, String providerClass) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(providerClass, "providerClass");
    for (ServiceLoader.Provider<Backend> p : providers()) {
      if (p.type().getName().equals(providerClass)) {
        Backend<?> b = p.get();
        if (b.id().equals(id)) {
          return b;
        }
        break;
      }
    }
    return find(id);
  }

  @SuppressWarnings("rawtypes")
  private static Iterable<ServiceLoader.Provider<Backend>> providers() {
    // stream() reads the provider classes' names without instantiating them
    return ServiceLoader.load(Backend.class, classLoader()).stream()::iterator;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Backends.class.getClassLoader();
  }
}
