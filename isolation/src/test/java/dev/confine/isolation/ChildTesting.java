package dev.confine.isolation;

import dev.confine.isolation.testing.TestCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Options shared by the child-process tests. */
final class ChildTesting {
  private ChildTesting() {}

  private static Path releaseFile;

  /** Sets up the Park release file, shared with workers, once per test JVM. */
  static synchronized String releaseFileArg() {
    if (releaseFile == null) {
      try {
        releaseFile = Files.createTempFile("confine-park-release", ".txt");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      releaseFile.toFile().deleteOnExit();
      System.setProperty(TestCalls.RELEASE_FILE_PROPERTY, releaseFile.toString());
    }
    return "-D" + TestCalls.RELEASE_FILE_PROPERTY + "=" + releaseFile;
  }

  static ChildProcessOptions.Builder options() {
    return ChildProcessOptions.newBuilder()
        .jvmArgs(releaseFileArg(), "-Xmx64m")
        .gracePeriod(Duration.ofMillis(500))
        .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
        .startupTimeout(Duration.ofSeconds(30));
  }
}
