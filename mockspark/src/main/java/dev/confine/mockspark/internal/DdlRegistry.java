package dev.confine.mockspark.internal;

import dev.confine.core.Deadline;
import dev.confine.core.KeyedLocks;
import dev.confine.core.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * One lock per DDL object name in a session, so DDL on one schema, table or view runs once at a time however many
 * threads issue it, plus a retry of DuckDB's "write-write conflict" (real exponential back-off with full jitter)
 * for DDL on related objects that hold different locks (a schema and a table in it).
 *
 * <p>Names that denote the same DuckDB object share one lock: DuckDB identifiers are case-insensitive whether
 * quoted or not, so {@code T}, {@code "t"} and {@code t} are one key; {@code s.t} and {@code "S"."T"} too. A lock
 * entry exists only while some thread holds or waits for it (core {@link KeyedLocks}). Names that are equal only
 * through the current schema ({@code main.t} and {@code t}) get different keys; the retry covers those.
 *
 * <p>Thread-safe. If the DDL fails, the lock is released and the failure (the last one, after retries) reaches
 * the caller; nothing is remembered about the name.
 */
public final class DdlRegistry {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KeyedLocks<String> locks;
  private final RetryPolicy retry;

  /** A registry whose retry sleeps for real (production). */
  public DdlRegistry(String sessionName) {
    this(sessionName, RetryPolicy.newBuilder().maxAttempts(20)
        .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(100)).multiplier(2.0)
        .retryOn(e -> String.valueOf(e.getMessage()).contains("write-write conflict")).build());
  }

  DdlRegistry(String sessionName, RetryPolicy retry) {
    this.locks = new KeyedLocks<>(Objects.requireNonNull(sessionName, "sessionName") + "-ddl");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * The lock key of a DDL object: its kind ({@code SCHEMA}, {@code TABLE}, {@code VIEW}) and its dotted name with
   * quotes removed and every part in lower case.
   *
   * @throws IllegalArgumentException if the name is blank or has an unclosed quote
   */
  public static String key(String kind, String name) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < name.length() && name.charAt(i + 1) == '"') {
          part.append('"'); // "" inside quotes is one quote
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    if (quoted) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "DDL object name %s has an unclosed double quote: close it, or drop the quotes", name));
    }
    if (parts.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "DDL object name '%s' has an empty part: expected name, schema.name or catalog.schema.name", name));
    }
    return kind.trim().toUpperCase(Locale.ROOT) + " " + String.join(".", parts).toLowerCase(Locale.ROOT);
  }

  /**
   * Runs {@code ddl} holding the lock of {@code kind name}, retrying a write-write conflict.
   *
   * @throws RuntimeException what the DDL threw (after retries), as is when unchecked
   */
  public <T> T run(String kind, String name, Callable<T> ddl) {
    Objects.requireNonNull(ddl, "ddl");
    try (KeyedLocks<String>.Held held = locks.lock(key(kind, name), Deadline.after(TIMEOUT))) {
      return retry.call(ddl, Deadline.after(TIMEOUT));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(String.format(Locale.ROOT, "DDL on %s %s failed: %s", kind, name, e.getMessage()), e);
    }
  }

  /** Lock entries in use now (0 when no DDL is running). */
  public int activeNames() {
    return locks.size();
  }
}
