package dev.confine.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.contract.ContractWorkloads;
import dev.confine.isolation.testing.FaultBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers on a class path of jars start from an AppCDS archive that one training run made: the
 * first pool starts without it (and triggers the run), later ones pass it to their workers.
 */
class WorkerClassArchiveTest {

  @Test
  @Timeout(180)
  void workersOnAJarClassPath_startFromTheArchiveTheTrainingRunMade(@TempDir Path tmp) throws Exception {
    String classpath = asJars(tmp);
    Path dir = tmp.resolve("archives");
    System.setProperty(WorkerClassArchive.DIRECTORY_PROPERTY, dir.toString());
    try {
      try (Isolated<FaultBackend.State> first = open(classpath)) {
        assertEquals("a", first.call(new FaultBackend.Echo("a")));
      }
      ContractWorkloads.awaitCondition("the training run to write the archive", () -> archives(dir).size() == 1, 120_000);
      String archive = archives(dir).get(0).toString();
      Path classLog = tmp.resolve("worker-classes.log");
      try (Isolated<FaultBackend.State> second = open(classpath, "-Xlog:class+load:file=" + classLog)) {
        long pid = second.call(new FaultBackend.Pid());
        String[] args = ProcessHandle.of(pid).orElseThrow().info().arguments().orElseThrow();
        assertTrue(
            List.of(args).contains("-XX:SharedArchiveFile=" + archive),
            "the worker should start with the archive: " + String.join(" ", args));
        assertEquals("b", second.call(new FaultBackend.Echo("b")));
      }
      // Every class of Confine's own that the worker needed to start and serve came from the
      // archive: one class loaded from a jar makes the class loader open that jar first, which
      // for a large jar is the largest part of its start-up. Only the backend's own classes that
      // its open() loads (the training run does not open it) may come from a jar.
      List<String> fromJars;
      try (Stream<String> lines = Files.lines(classLog)) {
        fromJars =
            lines
                .filter(l -> l.contains(" source: file:") && l.contains(" dev.confine."))
                .filter(l -> !l.contains(" " + FaultBackend.class.getName()))
                .toList();
      }
      assertEquals(List.of(), fromJars, "classes the worker loaded from jars, not from the archive");
    } finally {
      System.clearProperty(WorkerClassArchive.DIRECTORY_PROPERTY);
    }
  }

  @Test
  void aClassPathWithADirectory_getsNoArchive_andNoTrainingRun(@TempDir Path tmp) {
    System.setProperty(WorkerClassArchive.DIRECTORY_PROPERTY, tmp.toString());
    try {
      assertTrue(
          WorkerClassArchive.forWorkers("java", System.getProperty("java.class.path"), FaultBackend.ID, FaultBackend.class.getName(), List.of()).isEmpty());
      assertEquals(List.of(), archives(tmp));
    } finally {
      System.clearProperty(WorkerClassArchive.DIRECTORY_PROPERTY);
    }
  }

  private static Isolated<FaultBackend.State> open(String classpath, String... jvmArgs) {
    return Isolated.newBuilder(new FaultBackend())
        .strategy(Isolation.childProcesses(1, ChildTesting.options().classpath(classpath).jvmArgs(jvmArgs).build()))
        .defaultTimeout(Duration.ofSeconds(30))
        .open();
  }

  private static List<Path> archives(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jsa") && !p.getFileName().toString().startsWith("training-")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** This test JVM's class path with each directory (the build's output) packed into a jar. */
  private static String asJars(Path tmp) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = tmp.resolve("dir" + n++ + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(p)) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            out.putNextEntry(new JarEntry(p.relativize(f).toString().replace(File.separatorChar, '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
        entries.add(jar.toString());
      } else if (Files.isRegularFile(p)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
