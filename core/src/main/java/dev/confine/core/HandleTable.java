package dev.confine.core;

/**
 * The stateful objects one owner holds, keyed by {@link Handle}. Strategies create one per owner
 * and close what is left in it when the owner closes.
 *
 * <p><b>Not thread-safe:</b> it is only ever used by calls, which the strategy runs one at a time
 * on the owner.
 */
public interface HandleTable {

  /**
   * Registers {@code resource} and returns a new handle for it. If the resource is {@link
   * AutoCloseable} it is closed when removed by {@link #close} or when the owner closes.
   */
  Handle register(String kind, Object resource);

  /**
   * The resource behind {@code handle}.
   *
   * @throws HandleLostException if this owner holds no such handle (closed, or owned by a worker
   *     that died)
   * @throws IllegalArgumentException if the resource is not of {@code type}
   */
  <T> T get(Handle handle, Class<T> type);

  /** Removes {@code handle} and closes its resource if closeable; false if it was not held. */
  boolean close(Handle handle) throws Exception;

  /** How many handles this owner holds. */
  int size();
}
