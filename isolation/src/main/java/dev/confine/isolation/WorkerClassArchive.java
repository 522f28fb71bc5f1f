package dev.confine.isolation;

import dev.confine.isolation.worker.WorkerMain;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AppCDS archive of the classes a worker loads to start and serve its first call, made once per
 * JDK, class path and backend, and kept in the temporary directory for every later worker, pool and
 * JVM. Loading those classes from the archive instead of from jars is most of what makes a worker
 * start slower than a hello-world JVM.
 *
 * <p>The first pool to need an archive starts a short training run in the background (the worker
 * main in a mode that loads its classes without opening the backend, with {@code
 * -XX:ArchiveClassesAtExit}) and starts its own workers without waiting for it. The archive is
 * written under a temporary name and moved into place atomically, so concurrent JVMs never see
 * half an archive. The key covers the JDK build and each class path entry's path, size and
 * modification time; a rebuilt jar gets a new archive, and the JVM itself refuses an archive that
 * does not match. The JDK archives classes from jars only: a class path with a directory (a
 * build's test run) gets no archive and no training run.
 *
 * <p>Thread-safe: at most one training run per key per JVM.
 */
final class WorkerClassArchive {
  private static final Logger log = LoggerFactory.getLogger(WorkerClassArchive.class);

  /** Where archives are kept; default {@code <java.io.tmpdir>/confine-cds-<user>}. */
  static final String DIRECTORY_PROPERTY = "confine.classArchiveDir";

  /** Keys whose training run is under way, finished, or failed in this JVM. */
  private static final ConcurrentHashMap<String, Boolean> ATTEMPTED = new ConcurrentHashMap<>();

  private WorkerClassArchive() {}

  /**
   * The archive for workers of {@code backendId} on {@code classpath}, if one is ready; otherwise
   * empty, having started (at most once per JVM) the run that makes it.
   */
  static Optional<Path> forWorkers(String java, String classpath, String backendId, String backendClass, List<String> jvmArgs) {
    if (Runtime.version().feature() < 13 || jvmArgs.stream().anyMatch(a -> a.startsWith("-Xshare") || a.contains("SharedArchiveFile"))) {
      return Optional.empty(); // no dynamic archives before JDK 13; the user chose their own CDS set-up
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (Files.isDirectory(Path.of(entry))) {
        // the JDK archives classes from jars only, and refuses to start a dump with a non-empty
        // directory on the class path (a build's test run): nothing to gain, so no training run
        return Optional.empty();
      }
    }
    String key;
    try {
      key = key(classpath, backendId);
    } catch (IOException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
    String dirProperty = System.getProperty(DIRECTORY_PROPERTY);
    Path dir =
        dirProperty != null
            ? Path.of(dirProperty)
            : Path.of(System.getProperty("java.io.tmpdir"), "confine-cds-" + System.getProperty("user.name", "user"));
    Path archive = dir.resolve(key + ".jsa");
    if (Files.isRegularFile(archive)) {
      return Optional.of(archive);
    }
    if (ATTEMPTED.putIfAbsent(key, Boolean.TRUE) == null) {
      Thread t = new Thread(() -> train(java, classpath, backendId, backendClass, dir, archive), "confine-cds-training");
      t.setDaemon(true);
      t.start();
    }
    return Optional.empty();
  }

  private static void train(String java, String classpath, String backendId, String backendClass, Path dir, Path archive) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "training-", ".jsa");
      Files.delete(tmp); // the JVM creates it; an existing empty file would be taken as an archive
      List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
      cmd.add("-XX:ArchiveClassesAtExit=" + tmp);
      cmd.add("-cp");
      cmd.add(classpath);
      cmd.add(WorkerMain.class.getName());
      cmd.add(WorkerMain.TRAIN_ARGUMENT);
      cmd.add(backendId);
      cmd.add(backendClass);
      Process p =
          new ProcessBuilder(cmd)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        log.info("class-data archive for worker start-up: the training run did not finish; workers start without one");
        return;
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
        log.info("class-data archive for worker start-up: the training run made none (exit {}); workers start without one", p.exitValue());
        return;
      }
      try {
        Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
      }
      log.debug("class-data archive for worker start-up written to {}", archive);
    } catch (IOException e) {
      log.info("class-data archive for worker start-up could not be made: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // a leftover temporary file in the temporary directory
        }
      }
    }
  }

  private static String key(String classpath, String backendId) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    StringBuilder sb = new StringBuilder();
    sb.append(System.getProperty("java.home")).append('\n').append(Runtime.version()).append('\n').append(backendId).append('\n');
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      sb.append(entry);
      if (Files.isRegularFile(p)) {
        sb.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
      }
      sb.append('\n');
    }
    return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
  }
}
