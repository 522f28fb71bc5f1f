package dev.confine.core;

/**
 * How far a backend's mutable state reaches. The isolation strategies use it to decide what two
 * calls may share, and so what they must never run concurrently with.
 */
public enum StateScope {
  /**
   * One copy of the state per operating-system process, whatever Java does: every instance opened
   * in one JVM shares it (a native library's globals live in the loaded {@code .so}). Only a
   * separate process gets a separate copy.
   */
  PROCESS,
  /** Each opened instance is independent of every other (a database connection, an HTTP client). */
  INSTANCE
}
