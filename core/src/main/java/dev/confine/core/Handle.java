package dev.confine.core;

import java.util.Locale;

/**
 * A reference to a stateful object (an SNMP session, a database connection) that lives inside a
 * backend's state, owned by the owner that opened it. Calls naming a handle through {@link
 * Call#handle()} are routed to that owner.
 *
 * <p>Immutable; ids are unique within one isolated backend for its whole life, so a stale handle
 * is detected, never confused with a newer one.
 *
 * @param id the identifier, unique within the isolated backend that issued it
 * @param kind what the handle refers to, for messages ("snmp-session", "connection")
 */
public record Handle(long id, String kind) {
  public Handle {
    if (kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("handle kind must be a non-blank name, e.g. \"session\"");
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s#%d", kind, id);
  }
}
