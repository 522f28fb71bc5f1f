package dev.confine.isolation;

import dev.confine.core.Handle;
import dev.confine.isolation.worker.HandleMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handles of one in-process owner. Used only by calls, which run one at a time on the owner, so
 * the map needs no lock; the routing map it keeps up to date is concurrent.
 */
final class OwnerHandleTable extends HandleMap {
  private static final Logger log = LoggerFactory.getLogger(OwnerHandleTable.class);

  private final int owner;
  private final HandleRouting routing;

  OwnerHandleTable(int owner, HandleRouting routing) {
    super("owner", owner);
    this.owner = owner;
    this.routing = routing;
  }

  @Override
  protected long nextId() {
    return routing.nextId();
  }

  @Override
  protected void opened(Handle handle) {
    routing.bind(handle, owner);
  }

  @Override
  protected void closed(Handle handle) {
    routing.unbind(handle);
  }

  /** Closes every handle left; failures are logged, not thrown, so the rest still close. */
  void closeAll() {
    closeAll((handle, e) -> log.warn("closing {} on owner {} failed", handle, owner, e));
  }
}
