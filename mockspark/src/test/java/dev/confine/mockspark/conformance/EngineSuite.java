package dev.confine.mockspark.conformance;

import java.util.List;

/**
 * The conformance programs compiled against one engine (real Spark or mockspark), with the session
 * they run on. Not thread-safe: the test drives it from one thread.
 */
public interface EngineSuite extends AutoCloseable {
  /** Every case, in a stable order. */
  List<CaseSpec> specs();

  /** Runs the named case on this engine's session, then its clean-up statements. */
  NeutralResult run(String caseName);

  /** Stops the session. */
  @Override
  void close();
}
