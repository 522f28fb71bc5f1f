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

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Backends.class.getClassLoader();
  }
}
