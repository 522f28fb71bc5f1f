package dev.confine.graphistry;

/**
 * Progress of one upload. Called on the thread that encodes the table; implementations must be
 * quick and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface PlotListener {
  /**
   * @param part {@code "edges"} or {@code "nodes"}
   * @param rowsEncoded rows encoded so far for that part
   * @param totalRows total rows when known in advance, else -1
   */
  void progress(String part, long rowsEncoded, long totalRows);

  /** A listener that ignores progress. */
  static PlotListener none() {
    return (p, r, t) -> {};
  }
}
