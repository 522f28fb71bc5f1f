package dev.confine.isolation.worker;

import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.HandleTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The handle bookkeeping of one owner of backend state, in process (an owner thread or the
 * serialized lock's holder) or in a child-process worker (internal; not exported). Subclasses say
 * where ids come from and what else happens when a handle opens or closes.
 *
 * <p>Not thread-safe, by design: only the calls of its owner use it, and the strategy runs those one
 * at a time, so a plain map suffices.
 */
public abstract class HandleMap implements HandleTable {
  private final Map<Long, Entry> entries = new HashMap<>();
  private final String ownerKind;
  private final int ownerId;

  /** {@code ownerKind} and {@code ownerId} name the owner in errors ("owner 3", "worker 1"). */
  protected HandleMap(String ownerKind, int ownerId) {
    this.ownerKind = ownerKind;
    this.ownerId = ownerId;
  }

  /** The id the next registered handle takes. */
  protected abstract long nextId();

  /** Called after {@code handle} is registered. */
  protected void opened(Handle handle) {}

  /** Called after {@code handle} is removed, before its resource is closed. */
  protected void closed(Handle handle) {}

  @Override
  public final Handle register(String kind, Object resource) {
    Objects.requireNonNull(resource, "resource");
    Handle handle = new Handle(nextId(), kind);
    entries.put(handle.id(), new Entry(handle, resource));
    opened(handle);
    return handle;
  }

  @Override
  public final <T> T get(Handle handle, Class<T> type) {
    Objects.requireNonNull(handle, "handle");
    Entry e = entries.get(handle.id());
    if (e == null) {
      throw new HandleLostException(String.format(Locale.ROOT,
          "%s is not open on %s %d: it was closed, or its %s was replaced", handle, ownerKind, ownerId, ownerKind));
    }
    if (!type.isInstance(e.resource)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s refers to a %s, not a %s", handle, e.resource.getClass().getName(), type.getName()));
    }
    return type.cast(e.resource);
  }

  @Override
  public final boolean close(Handle handle) throws Exception {
    Entry e = entries.remove(handle.id());
    if (e == null) {
      return false;
    }
    closed(e.handle);
    if (e.resource instanceof AutoCloseable c) {
      c.close();
    }
    return true;
  }

  @Override
  public final int size() {
    return entries.size();
  }

  /**
   * Closes every handle left; a failure goes to {@code onFailure} and the rest still close (the
   * owner is going away: there is no caller to throw to).
   */
  public final void closeAll(BiConsumer<Handle, Exception> onFailure) {
    List<Entry> left = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry e : left) {
      closed(e.handle);
      if (e.resource instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception ex) {
          onFailure.accept(e.handle, ex);
        }
      }
    }
  }

  private record Entry(Handle handle, Object resource) {}
}
