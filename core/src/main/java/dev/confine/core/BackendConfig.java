package dev.confine.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The configuration a backend is opened with: an immutable map of string keys to string values,
 * so it can be sent to a child process in the handshake without any class of the user's.
 *
 * <p>Immutable and therefore safe to share between threads.
 */
public final class BackendConfig {
  private static final BackendConfig EMPTY = new BackendConfig(Map.of());

  private final Map<String, String> values;

  private BackendConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** A configuration with no entries. */
  public static BackendConfig empty() {
    return EMPTY;
  }

  /**
   * A configuration holding a copy of {@code values}.
   *
   * @throws IllegalArgumentException if a key or value is null or a key is blank
   */
  @JsonCreator
  public static BackendConfig of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    values.forEach(
        (k, v) -> {
          if (k == null || k.isBlank()) {
            throw new IllegalArgumentException(
                "backend config key must be a non-blank string: " + (k == null ? "null" : "'" + k + "'"));
          }
          if (v == null) {
            throw new IllegalArgumentException(
                "backend config value for '" + k + "' is null; omit the key instead");
          }
        });
    return values.isEmpty() ? EMPTY : new BackendConfig(values);
  }

  /** A copy of this configuration with {@code key} set to {@code value}. */
  public BackendConfig with(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return of(copy);
  }

  /** The value of {@code key}, if set. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** The value of {@code key}, or {@code fallback} if it is not set. */
  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /**
   * The value of {@code key} as an int, or {@code fallback} if not set.
   *
   * @throws IllegalArgumentException naming the key if the value is not an integer
   */
  public int getInt(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "backend config '%s' must be an integer, got '%s'", key, v), e);
    }
  }

  /** All entries, sorted by key, unmodifiable. */
  @JsonValue
  public Map<String, String> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackendConfig other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** Lists keys only: values may be secrets. */
  @Override
  public String toString() {
    return "BackendConfig" + values.keySet();
  }
}
