package dev.confine.isolation;

import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which owner holds each open handle of one isolated backend. Thread-safe: owners bind and unbind,
 * callers look up. Ids are never reused, so a stale handle cannot reach a newer resource.
 */
final class HandleRouting {
  private final String name;
  private final AtomicLong ids = new AtomicLong();
  private final ConcurrentHashMap<Long, Integer> owners = new ConcurrentHashMap<>();

  HandleRouting(String name) {
    this.name = name;
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  void bind(Handle handle, int owner) {
    owners.put(handle.id(), owner);
  }

  void unbind(Handle handle) {
    owners.remove(handle.id());
  }

  /** The owner holding {@code handle}, or null if it is not open. */
  Integer ownerIfBound(Handle handle) {
    return owners.get(handle.id());
  }

  /** Unbinds every handle of {@code owner} (it died); returns how many. */
  int unbindOwner(int owner) {
    int[] n = {0};
    owners.entrySet().removeIf(e -> e.getValue() == owner && ++n[0] > 0);
    return n[0];
  }

  /**
   * The owner of {@code handle}.
   *
   * @throws HandleLostException if no owner holds it
   */
  int ownerOf(Handle handle) {
    Integer owner = owners.get(handle.id());
    if (owner == null) {
      throw new HandleLostException(
          String.format(
              Locale.ROOT,
              "%s is not open in '%s': it was closed, or the owner that held it is gone; open a"
                  + " new one",
              handle,
              name));
    }
    return owner;
  }

  /** A copy of the handle-to-owner map. */
  java.util.Map<Long, Integer> snapshot() {
    return new java.util.HashMap<>(owners);
  }

  int size() {
    return owners.size();
  }
}
