package dev.confine.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The allow-list of call and result types a backend lets cross a process boundary. A type is
 * registered under a short, stable name; only that name travels on the wire, and only registered
 * types are ever instantiated from the stream, never a class name read from it.
 *
 * <p>A handful of JDK value types ({@code String}, boxed primitives, {@code byte[]}, {@link
 * Handle}) are always allowed as results; lists and maps of them too.
 *
 * <p>Immutable and safe to share between threads; build one with {@link #newBuilder()}.
 */
public final class TypeRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final TypeRegistry EMPTY = new TypeRegistry(Map.of());

  private final Map<String, Class<?>> byName;
  private final Map<Class<?>, String> byType;

  private TypeRegistry(Map<String, Class<?>> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    Map<Class<?>, String> inverse = new LinkedHashMap<>();
    byName.forEach((n, t) -> inverse.put(t, n));
    this.byType = Collections.unmodifiableMap(inverse);
  }

  /** A registry with no types of its own (JDK value results are still allowed). */
  public static TypeRegistry empty() {
    return EMPTY;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** The registered type for {@code name}, if any. */
  public Optional<Class<?>> typeOf(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The name {@code type} is registered under, if any. */
  public Optional<String> nameOf(Class<?> type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** All registrations, name to type, in registration order. */
  public Map<String, Class<?>> asMap() {
    return byName;
  }

  @Override
  public String toString() {
    return "TypeRegistry" + byName.keySet();
  }

  /** Builds a {@link TypeRegistry}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Class<?>> byName = new LinkedHashMap<>();

    private Builder() {}

    /** Registers {@code type} under its simple name. */
    public Builder register(Class<?> type) {
      Objects.requireNonNull(type, "type");
      return register(type.getSimpleName(), type);
    }

    /**
     * Registers {@code type} under {@code name}.
     *
     * @throws IllegalArgumentException if the name is malformed or already used by another type
     */
    public Builder register(String name, Class<?> type) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "type name '%s' is malformed: expected a letter then up to 63 of [A-Za-z0-9_.-]",
                name));
      }
      Class<?> previous = byName.putIfAbsent(name, type);
      if (previous != null && previous != type) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "type name '%s' is already registered for %s; pick another name for %s",
                name,
                previous.getName(),
                type.getName()));
      }
      return this;
    }

    public TypeRegistry build() {
      return byName.isEmpty() ? EMPTY : new TypeRegistry(byName);
    }
  }
}
