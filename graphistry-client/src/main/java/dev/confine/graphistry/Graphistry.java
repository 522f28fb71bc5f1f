package dev.confine.graphistry;

import java.util.Objects;

/**
 * Entry points. {@link #register} sets the module's global root client (the notebook flow);
 * plottables started here without a client follow the global root at plot time, including later
 * {@code register} calls. {@link #client(GraphistryClient)} starts a chain with its own root; see
 * {@link Plottable} for the resolution rules.
 *
 * <p><b>Concurrency:</b> thread-safe; the global root is a volatile reference, read lock-free.
 */
public final class Graphistry {
  private static volatile GraphistryClient global;

  private Graphistry() {}

  /** Makes {@code client} the global root; {@code null} clears it. Affects chains that follow the global root. */
  public static void register(GraphistryClient client) {
    global = client;
  }

  static GraphistryClient globalClient() {
    return global;
  }

  /** A chain whose root is {@code client}. */
  public static Plottable client(GraphistryClient client) {
    return Objects.requireNonNull(client, "client").plottable();
  }

  /** An empty plottable that follows the global root. */
  public static Plottable plottable() {
    return Plottable.root(null);
  }

  /** Edges that follow the global root. */
  public static Plottable edges(Table table, String source, String destination) {
    return plottable().edges(table, source, destination);
  }

  /** Nodes that follow the global root. */
  public static Plottable nodes(Table table, String nodeId) {
    return plottable().nodes(table, nodeId);
  }
}
