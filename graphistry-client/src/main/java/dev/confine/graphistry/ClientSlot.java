package dev.confine.graphistry;

/**
 * One link of a chain's client-resolution path. A plottable owns one slot; a plottable chained from
 * it gets a new slot whose parent is this one. Slots hold no tables, so a chain never keeps its
 * ancestors' tables alive just to find a client.
 *
 * <p>Resolution reads volatile fields only (lock-free): a racing {@link #set} is seen entirely or not
 * at all.
 */
final class ClientSlot {
  /** The explicit client of this slot, or null to inherit from the parent (or the global root). */
  private volatile GraphistryClient client;

  private final ClientSlot parent;

  ClientSlot(ClientSlot parent, GraphistryClient client) {
    this.parent = parent;
    this.client = client;
  }

  void set(GraphistryClient c) {
    client = c;
  }

  GraphistryClient own() {
    return client;
  }

  /** The nearest explicit client on the path to the root, or null when the chain follows the global root. */
  GraphistryClient resolveExplicit() {
    for (ClientSlot s = this; s != null; s = s.parent) {
      GraphistryClient c = s.client;
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}
