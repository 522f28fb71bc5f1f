package dev.confine.mockspark.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipFile;
import org.slf4j.LoggerFactory;

/**
 * Opens DuckDB connections for mockspark (a session's in-process engine and its child-process worker).
 *
 * <p>Why not {@code DriverManager.getConnection("jdbc:duckdb:")}: DuckDB JDBC's class initialiser copies its bundled
 * native library (~57 MB, inflated from the jar) to a new temporary file in every JVM and loads that copy, which is
 * 350-450 ms of every cold session start on a 2-core machine and leaves the copy behind when the JVM is killed. Here the
 * library is inflated once into a per-user cache, named by the jar entry's CRC-32 and size, and the driver's classes
 * are defined by a small child-first class loader over the same jar whose native-library lookup answers with the cached
 * file. Only {@code org.duckdb.*} classes are defined by that loader; everything else (Arrow, {@code java.sql}) comes
 * from mockspark's own loader, so DuckDB's Arrow export still hands back the caller's Arrow types.
 *
 * <p>The cache directory is the system property {@value #CACHE_PROPERTY} if set, else {@code $XDG_CACHE_HOME/confine/duckdb},
 * else {@code ~/.cache/confine/duckdb}. {@code -Dconfine.duckdb.libraryCache=off}, a cache that cannot be written, a
 * driver that is not in a plain jar file or a library that does not load all fall back to DuckDB JDBC's own loading
 * (logged once at WARN, except for {@code off}), so the cache can make a start faster but never makes it fail.
 *
 * <p>Concurrency: the driver is chosen once per JVM (class initialisation); {@link #connect} is safe from any thread.
 * Several JVMs may fill the cache at once: each inflates into its own temporary file, checks the CRC-32, and renames it
 * into place atomically, so no JVM ever loads a partly written library.
 */
public final class DuckDbDriver {
  /** System property: the cache directory for DuckDB's native library, or {@code off}. */
  public static final String CACHE_PROPERTY = "confine.duckdb.libraryCache";

  private static final String URL = "jdbc:duckdb:";
  private static final String DRIVER_CLASS = "org.duckdb.DuckDBDriver";
  private static final String DRIVER_RESOURCE = "org/duckdb/DuckDBDriver.class";
  // the name DuckDB JDBC's DuckDBNative gives System.loadLibrary when the bundled copy is not visible
  private static final String LIBRARY_NAME = "duckdb_java";
  private static final String BUNDLED_PREFIX = "libduckdb_java.so_";

  private DuckDbDriver() {}

  /** The driver chosen for this JVM, or null for DuckDB JDBC's own loading through {@link DriverManager}. */
  private static final class Chosen {
    static final Driver DRIVER = choose();
  }

  /** A connection to a new DuckDB in-memory database with these properties (for example {@code threads}). */
  public static Connection connect(Properties props) throws SQLException {
    Driver driver = Chosen.DRIVER;
    if (driver == null) {
      return DriverManager.getConnection(URL, props);
    }
    Connection c = driver.connect(URL, props);
    if (c == null) {
      throw new SQLException("DuckDB JDBC did not accept " + URL);
    }
    return c;
  }

  /** Whether this JVM's DuckDB connections load the native library from the cache (for tests and diagnostics). */
  public static boolean usesLibraryCache() {
    return Chosen.DRIVER != null;
  }

  private static Driver choose() {
    String setting = System.getProperty(CACHE_PROPERTY);
    if ("off".equalsIgnoreCase(setting)) {
      return null;
    }
    ClassLoader parent = DuckDbDriver.class.getClassLoader();
    URL driverClass = parent.getResource(DRIVER_RESOURCE);
    if (driverClass == null) {
      return null; // DriverManager then says there is no driver: the dependency is missing, not the cache's business
    }
    Path cacheDir = setting != null && !setting.isBlank() ? Path.of(setting) : defaultCacheDir();
    JarFile jarFile = null;
    try {
      Path jar = jarOf(driverClass);
      // kept open for the JVM's life: the loader reads DuckDB's class files from it (the application class loader
      // holds the same file open anyway). Opened as the JDK's loaders open jars, multi-release aware.
      jarFile = new JarFile(jar.toFile(), false, ZipFile.OPEN_READ, Runtime.version());
      Path library = cachedLibrary(cacheDir, jar, jarFile, bundledNames());
      if (library == null) {
        throw new IOException("no bundled library for " + System.getProperty("os.name") + "/"
            + System.getProperty("os.arch") + " in " + jar);
      }
      return load(jar, jarFile, library);
    } catch (IOException | ReflectiveOperationException | LinkageError | RuntimeException e) {
      // the logger only here: setting SLF4J up costs a cold start tens of milliseconds
      LoggerFactory.getLogger(DuckDbDriver.class).warn("DuckDB native library cache in {} not used ({});"
              + " DuckDB JDBC copies its library to a temporary file instead (slower start)."
              + " Set -D{}=<writable directory> to fix it, or -D{}=off to silence this.",
          cacheDir, e.toString(), CACHE_PROPERTY, CACHE_PROPERTY);
      closeQuietly(jarFile);
      return null;
    }
  }

  private static void closeQuietly(JarFile jarFile) {
    if (jarFile != null) {
      try {
        jarFile.close();
      } catch (IOException ignored) {
        // nothing was read from it that matters any more
      }
    }
  }

  private static Driver load(Path jar, JarFile jarFile, Path library) throws IOException, ReflectiveOperationException {
    LibraryLoader loader = new LibraryLoader(jar.toUri().toURL(), jarFile, DuckDbDriver.class.getClassLoader(), library);
    try {
      // load the library now, so a broken cached file falls back here rather than failing the first query
      Class.forName("org.duckdb.DuckDBNative", true, loader);
      return (Driver) Class.forName(DRIVER_CLASS, true, loader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // a file that does not load is replaced by the next JVM instead of failing every start
      Files.deleteIfExists(library);
      throw e;
    }
  }

  /** The jar file a class resource URL ({@code jar:file:/...!/...}) points into. */
  static Path jarOf(URL classResource) throws IOException {
    String s = classResource.toString();
    int bang = s.indexOf("!/");
    if (!s.startsWith("jar:file:") || bang < 0) {
      throw new IOException("DuckDB JDBC is not loaded from a plain jar file: " + classResource);
    }
    try {
      return Path.of(new java.net.URI(s.substring("jar:".length(), bang)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IOException("cannot locate the DuckDB JDBC jar from " + classResource, e);
    }
  }

  /** The jar entry names DuckDB JDBC uses for this OS and architecture (releases differ on macOS). */
  static List<String> bundledNames() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    arch = arch.equals("x86_64") || arch.equals("amd64") ? "amd64" : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
    if (os.contains("linux")) {
      return List.of(BUNDLED_PREFIX + "linux_" + arch);
    }
    if (os.contains("mac")) {
      return List.of(BUNDLED_PREFIX + "osx_universal", BUNDLED_PREFIX + "macos_" + arch);
    }
    if (os.contains("windows")) {
      return List.of(BUNDLED_PREFIX + "windows_" + arch);
    }
    return List.of();
  }

  static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("confine").resolve("duckdb");
  }

  /**
   * The cached copy of the first of {@code entryNames} that {@code jar} holds, inflated into {@code cacheDir} unless a
   * file of the right name and size is already there; empty if the jar holds none of them. The file is named by the jar
   * entry's CRC-32 and size, so jars that bundle the same library share one copy. Opening the jar again costs well
   * under a millisecond: the JDK shares one parsed central directory among every opener of a file, and the class loader
   * that found the driver has opened it already.
   */
  static Optional<Path> cachedLibrary(Path cacheDir, Path jar, List<String> entryNames) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile(), false)) {
      return Optional.ofNullable(cachedLibrary(cacheDir, jar, jf, entryNames));
    }
  }

  /** {@link #cachedLibrary(Path, Path, List)} in a jar already open; null if it holds none of the names. */
  static Path cachedLibrary(Path cacheDir, Path jar, JarFile jf, List<String> entryNames) throws IOException {
    for (String name : entryNames) {
      JarEntry entry = jf.getJarEntry(name);
      if (entry == null || entry.getSize() < 0 || entry.getCrc() < 0) {
        continue;
      }
      // no String.format on this path: a cold JVM pays ~10 ms to set up Formatter
      Path target = cacheDir.resolve("libduckdb_java-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".so");
      if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
        return target;
      }
      createPrivateDirectories(cacheDir);
      Path part = Files.createTempFile(cacheDir, target.getFileName().toString(), ".part");
      try {
        CRC32 crc = new CRC32();
        long written;
        try (InputStream in = new CheckedInputStream(jf.getInputStream(entry), crc);
             OutputStream out = Files.newOutputStream(part)) {
          written = in.transferTo(out);
        }
        if (written != entry.getSize() || crc.getValue() != entry.getCrc()) {
          throw new IOException(String.format(Locale.ROOT,
              "%s in %s inflated to %d bytes with CRC-32 %08x; the jar says %d bytes, %08x",
              name, jar, written, crc.getValue(), entry.getSize(), entry.getCrc()));
        }
        try {
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(part);
      }
      return target;
    }
    return null;
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * Defines {@code org.duckdb.*} itself (child-first) from the class files its parent already serves from the driver's
   * jar; hides the bundled library from DuckDB's resource lookup and answers its
   * {@code System.loadLibrary("duckdb_java")} with the cached file.
   */
  private static final class LibraryLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    private final Path library;
    private final JarFile jarFile;
    private final ProtectionDomain domain;

    LibraryLoader(URL jar, JarFile jarFile, ClassLoader parent, Path library) {
      super("confine-duckdb", parent);
      this.library = library;
      this.jarFile = jarFile;
      this.domain = new ProtectionDomain(new CodeSource(jar, (CodeSigner[]) null), null, this, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("org.duckdb.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      // straight from the jar: the parent's getResourceAsStream goes through a URL and a JarURLConnection per class
      JarEntry entry = jarFile.getJarEntry(name.replace('.', '/') + ".class");
      if (entry == null) {
        throw new ClassNotFoundException(name);
      }
      try (InputStream in = jarFile.getInputStream(entry)) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length, domain);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith(BUNDLED_PREFIX) ? null : super.getResource(name);
    }

    @Override
    protected String findLibrary(String libname) {
      return LIBRARY_NAME.equals(libname) ? library.toAbsolutePath().toString() : super.findLibrary(libname);
    }
  }
}
