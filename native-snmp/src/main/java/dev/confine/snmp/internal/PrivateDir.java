package dev.confine.snmp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The process's private Net-SNMP persistent directory: created once, deleted at JVM exit. */
final class PrivateDir {
  private PrivateDir() {}

  static Path create() {
    try {
      Path dir = Files.createTempDirectory("confine-netsnmp-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "confine-netsnmp-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for Net-SNMP's state under " + System.getProperty("java.io.tmpdir"), e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit: a leftover temp directory is harmless
    }
  }
}
