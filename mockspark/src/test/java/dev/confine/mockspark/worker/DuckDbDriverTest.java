package dev.confine.mockspark.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user cache of DuckDB's native library: inflated once, checked, renamed into place, reused by later JVMs,
 * replaced when damaged; and, in fresh JVMs, a session that leaves no temporary copy of the library behind while the
 * same session with the cache turned off does (what DuckDB JDBC does on its own).
 */
class DuckDbDriverTest {
  private static final Path JAR = duckDbJar();

  private static Path duckDbJar() {
    try {
      return DuckDbDriver.jarOf(DuckDbDriver.class.getClassLoader().getResource("org/duckdb/DuckDBDriver.class"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JarEntry bundledEntry() throws IOException {
    try (JarFile jf = new JarFile(JAR.toFile())) {
      for (String name : DuckDbDriver.bundledNames()) {
        JarEntry e = jf.getJarEntry(name);
        if (e != null) {
          return e;
        }
      }
    }
    throw new AssertionError("the DuckDB JDBC jar " + JAR + " bundles none of " + DuckDbDriver.bundledNames());
  }

  private static long crcOf(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (FileChannel ch = FileChannel.open(file)) {
      crc.update(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()));
    }
    return crc.getValue();
  }

  private static List<Path> partFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  @Test
  void inflatesOnceChecksTheCrcAndReusesTheCopy(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");
    JarEntry entry = bundledEntry();
    Path first = DuckDbDriver.cachedLibrary(cache, JAR, DuckDbDriver.bundledNames()).orElseThrow();
    assertEquals(entry.getSize(), Files.size(first));
    assertEquals(entry.getCrc(), crcOf(first), "the cached copy is the jar's bytes");
    Object inode = Files.readAttributes(first, BasicFileAttributes.class).fileKey();

    Path second = DuckDbDriver.cachedLibrary(cache, JAR, DuckDbDriver.bundledNames()).orElseThrow();
    assertEquals(first, second);
    assertEquals(inode, Files.readAttributes(second, BasicFileAttributes.class).fileKey(), "reused, not rewritten");
    assertEquals(List.of(), partFiles(cache));
  }

  @Test
  void replacesATruncatedCopy(@TempDir Path dir) throws Exception {
    Path lib = DuckDbDriver.cachedLibrary(dir, JAR, DuckDbDriver.bundledNames()).orElseThrow();
    try (FileChannel ch = FileChannel.open(lib, StandardOpenOption.WRITE)) {
      ch.truncate(4096);
    }
    Path again = DuckDbDriver.cachedLibrary(dir, JAR, DuckDbDriver.bundledNames()).orElseThrow();
    assertEquals(bundledEntry().getSize(), Files.size(again));
  }

  @Test
  void aJarWithoutTheLibraryHasNothingToCache(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("thin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("org/example/A.class"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }
    assertEquals(Optional.empty(), DuckDbDriver.cachedLibrary(dir.resolve("cache"), jar, DuckDbDriver.bundledNames()));
  }

  @Test
  void aCacheThatCannotBeWrittenIsAnIoErrorNotACrash(@TempDir Path dir) throws Exception {
    Path notADirectory = dir.resolve("file");
    Files.writeString(notADirectory, "x");
    assertThrows(IOException.class, () -> DuckDbDriver.cachedLibrary(notADirectory.resolve("cache"), JAR, DuckDbDriver.bundledNames()));
  }

  @Test
  void concurrentFillsAllGetTheCompleteLibrary(@TempDir Path dir) throws Exception {
    int n = 3;
    List<Thread> threads = new ArrayList<>();
    Path[] got = new Path[n];
    Throwable[] failed = new Throwable[n];
    for (int i = 0; i < n; i++) {
      int k = i;
      Thread t = new Thread(() -> {
        try {
          got[k] = DuckDbDriver.cachedLibrary(dir, JAR, DuckDbDriver.bundledNames()).orElseThrow();
        } catch (Throwable e) {
          failed[k] = e;
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    JarEntry entry = bundledEntry();
    for (int i = 0; i < n; i++) {
      assertEquals(null, failed[i]);
      assertEquals(got[0], got[i]);
    }
    assertEquals(entry.getCrc(), crcOf(got[0]));
    assertEquals(List.of(), partFiles(dir));
  }

  @Test
  void thisJvmsSessionsLoadDuckDbFromTheCache() throws Exception {
    assertTrue(DuckDbDriver.usesLibraryCache(), "surefire sets " + DuckDbDriver.CACHE_PROPERTY + " to a writable directory");
    try (Connection c = DuckDbDriver.connect(new Properties()); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT 40 + 2")) {
      assertTrue(r.next());
      assertEquals(42, r.getInt(1));
      assertFalse(c.getClass().getClassLoader() == DuckDbDriver.class.getClassLoader(), "the driver's own loader");
    }
  }

  /** In a fresh JVM with a private temporary directory: a session, then the DuckDB copies left in that directory. */
  private static String coldSession(Path tmp, String cacheSetting) throws Exception {
    Files.createDirectories(tmp);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + tmp, "-D" + DuckDbDriver.CACHE_PROPERTY + "=" + cacheSetting,
        "-cp", System.getProperty("java.class.path"), ColdSessionMain.class.getName())
        .redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not exit");
    assertEquals(0, p.exitValue(), out);
    return out.strip().lines().reduce((a, b) -> b).orElse("");
  }

  @Test
  void aColdSessionLeavesNoTemporaryCopyOfTheLibraryUnlessTheCacheIsOff(@TempDir Path dir) throws Exception {
    assertEquals("answer=42 cache=true copies=0", coldSession(dir.resolve("tmp1"), dir.resolve("cache").toString()));
    assertEquals("answer=42 cache=true copies=0", coldSession(dir.resolve("tmp2"), dir.resolve("cache").toString()));
    // DuckDB JDBC's own loading: a ~57 MB copy per JVM (deleted at a normal exit, left behind by a killed JVM)
    assertEquals("answer=42 cache=false copies=1", coldSession(dir.resolve("tmp3"), "off"));
  }

  /** The child JVM of {@link #aColdSessionLeavesNoTemporaryCopyOfTheLibraryUnlessTheCacheIsOff}. */
  public static final class ColdSessionMain {
    public static void main(String[] args) throws Exception {
      var spark = dev.confine.mockspark.sql.SparkSession.builder().master("local[1]").getOrCreate();
      int answer = spark.sql("SELECT 42 AS x").collectAsList().get(0).getInt(0);
      long copies;
      try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        copies = s.filter(p -> p.getFileName().toString().startsWith("libduckdb_java")).count();
      }
      spark.stop();
      try (OutputStream out = System.out) {
        out.write(("answer=" + answer + " cache=" + DuckDbDriver.usesLibraryCache() + " copies=" + copies + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}
