package dev.confine.isolation;

import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.HandleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handles of one owner. Used only by calls, which run one at a time on the owner, so a plain
 * map suffices; the owner routing map it updates is concurrent.
 */
final class OwnerHandleTable implements HandleTable {
  private static final Logger log = LoggerFactory.getLogger(OwnerHandleTable.class);

  private final int owner;
  private final HandleRouting routing;
  // confined to whichever thread runs this owner's calls (one at a time, under the strategy)
  private final Map<Long, Entry> entries = new HashMap<>();

  OwnerHandleTable(int owner, HandleRouting routing) {
    this.owner = owner;
    this.routing = routing;
  }

  @Override
  public Handle register(String kind, Object resource) {
    Objects.requireNonNull(resource, "resource");
    Handle handle = new Handle(routing.nextId(), kind);
    entries.put(handle.id(), new Entry(handle, resource));
    routing.bind(handle, owner);
    return handle;
  }

  @Override
  public <T> T get(Handle handle, Class<T> type) {
    Objects.requireNonNull(handle, "handle");
    Entry e = entries.get(handle.id());
    if (e == null) {
      throw new HandleLostException(
          String.format(
              Locale.ROOT,
              "%s is not open on owner %d: it was closed, or its owner was replaced", handle, owner));
    }
    if (!type.isInstance(e.resource)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s refers to a %s, not a %s",
              handle,
              e.resource.getClass().getName(),
              type.getName()));
    }
    return type.cast(e.resource);
  }

  @Override
  public boolean close(Handle handle) throws Exception {
    Entry e = entries.remove(handle.id());
    if (e == null) {
      return false;
    }
    routing.unbind(handle);
    if (e.resource instanceof AutoCloseable c) {
      c.close();
    }
    return true;
  }

  @Override
  public int size() {
    return entries.size();
  }

  /** Closes every handle left; failures are logged, not thrown, so the rest still close. */
  void closeAll() {
    List<Entry> left = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry e : left) {
      routing.unbind(e.handle);
      if (e.resource instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ex) {
          log.warn("closing {} on owner {} failed", e.handle, owner, ex);
        }
      }
    }
  }

  private record Entry(Handle handle, Object resource) {}
}
