package dev.confine.mockspark.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite: every program in {@code src/conformance/java} runs on real Apache Spark
 * (local[1]) and on mockspark, and the two results must agree on schema (names and types), row count
 * and rows (sorted unless the case is ordered; doubles within 1e-9 relative), or on the error class.
 * A case marked as a deliberate difference asserts mockspark's documented behaviour instead; a case
 * marked as a known gap asserts that the results still differ, so a fix is noticed.
 *
 * <p>With {@code -Dconformance.mock=false} the mock copy is not compiled and only Spark runs (each
 * case must then succeed or fail with its declared error class on Spark).
 *
 * <p>Each engine's session is used by one dedicated thread (mockspark gives each thread its own
 * connection), so a timed-out case cannot leave a second thread inside a session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConformanceTest {
  /**
   * The engine compared against Spark. {@code -Dconformance.mockSuite=dev.confine.mockspark.conformance.spark.Suite}
   * compares Spark with itself (the same session, each case run twice): a self-check that every case is
   * deterministic and that the comparison path works.
   */
  private static final String MOCK_SUITE =
      System.getProperty("conformance.mockSuite", "dev.confine.mockspark.conformance.mock.Suite");
  private static final long CASE_TIMEOUT_SECONDS = 60;
  private static final double RELATIVE_TOLERANCE = 1e-9;

  @TempDir static Path temp;

  private final ExecutorService sparkThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "conformance-spark"));
  private final ExecutorService mockThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "conformance-mock"));
  /** Outcome per case name ("match", "gap", "difference", "spark-only", "FAILED"), for the summary. */
  private final java.util.Map<String, String> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
  /** Each engine's result per case, written to target/ for reading a failure side by side. */
  private final java.util.Map<String, String> sparkResults = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.Map<String, String> mockResults = new java.util.concurrent.ConcurrentSkipListMap<>();
  private EngineSuite spark;
  private EngineSuite mock;

  @BeforeAll
  void openSessions() throws Exception {
    Path sparkWarehouse = Files.createDirectories(temp.resolve("spark-warehouse"));
    spark = on(sparkThread, () -> new dev.confine.mockspark.conformance.spark.Suite(sparkWarehouse));
    if (mockEnabled()) {
      Path mockWarehouse = Files.createDirectories(temp.resolve("mock-warehouse"));
      mock = on(mockThread, () -> {
        Class<?> suite;
        try {
          suite = Class.forName(MOCK_SUITE);
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(String.format(Locale.ROOT,
              "conformance.mock is on but %s was not compiled: build with -Dconformance.mock=true (the profile "
                  + "property that makes antrun generate the mockspark copy), or -Dconformance.mock=false for Spark only",
              MOCK_SUITE), e);
        }
        return (EngineSuite) suite.getConstructor(Path.class).newInstance(mockWarehouse);
      });
    }
  }

  @AfterAll
  void closeSessions() throws Exception {
    writeSummary();
    try {
      if (mock != null) {
        on(mockThread, () -> {
          mock.close();
          return null;
        });
      }
      if (spark != null) {
        on(sparkThread, () -> {
          spark.close();
          return null;
        });
      }
    } finally {
      sparkThread.shutdownNow();
      mockThread.shutdownNow();
    }
  }

  private static boolean mockEnabled() {
    return System.getProperty("conformance.mockSuite") != null
        || !"false".equalsIgnoreCase(System.getProperty("conformance.mock", "true"));
  }

  @Test
  void suite_hasAtLeast150UniquelyNamedCases() {
    List<CaseSpec> specs = spark.specs();
    Set<String> names = new HashSet<>();
    for (CaseSpec spec : specs) {
      assertTrue(names.add(spec.name()), "duplicate case " + spec.name());
      assertFalse(spec.difference() != null && spec.gap() != null,
          spec.name() + ": a case is either a deliberate difference or a known gap, not both");
    }
    assertTrue(specs.size() >= 150, "only " + specs.size() + " cases");
    if (mock != null) {
      assertEquals(specs.stream().map(CaseSpec::name).toList(), mock.specs().stream().map(CaseSpec::name).toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> programs() {
    List<String> only = onlyFilter();
    return spark.specs().stream()
        .filter(spec -> only.isEmpty() || only.stream().anyMatch(p -> selected(spec.name(), p)))
        .map(spec -> DynamicTest.dynamicTest(spec.name(), () -> check(spec)));
  }

  /**
   * {@code -Dconformance.only=sql,catalog,join.using.inner}: run only the cases whose topic (the part of the
   * name before the first dot) or whole name is listed, or whose name starts with an entry ending in a dot.
   * Lets each engineer run their own topics while others share the machine; empty or absent runs everything.
   */
  static List<String> onlyFilter() {
    String only = System.getProperty("conformance.only", "").trim();
    if (only.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(only.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  static boolean selected(String caseName, String entry) {
    int dot = caseName.indexOf('.');
    String topic = dot < 0 ? caseName : caseName.substring(0, dot);
    return caseName.equals(entry) || topic.equals(entry) || (entry.endsWith(".") && caseName.startsWith(entry));
  }

  private void check(CaseSpec spec) throws Exception {
    outcomes.put(spec.name(), "FAILED");
    checkCase(spec);
    outcomes.put(spec.name(), mock == null ? "spark-only"
        : spec.gap() != null ? "gap" : spec.difference() != null ? "difference" : "match");
  }

  /** Counts per topic and outcome in target/conformance-summary.txt (the figures CONFORMANCE.md quotes). */
  private void writeSummary() throws java.io.IOException {
    java.util.Map<String, java.util.Map<String, Integer>> byTopic = new java.util.TreeMap<>();
    java.util.Map<String, Integer> total = new java.util.TreeMap<>();
    for (var e : outcomes.entrySet()) {
      String topic = e.getKey().substring(0, e.getKey().indexOf('.') < 0 ? e.getKey().length() : e.getKey().indexOf('.'));
      byTopic.computeIfAbsent(topic, t -> new java.util.TreeMap<>()).merge(e.getValue(), 1, Integer::sum);
      total.merge(e.getValue(), 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "mock enabled: %s; cases run: %d; %s%n", mock != null, outcomes.size(), total));
    byTopic.forEach((topic, counts) -> out.append(String.format(Locale.ROOT, "  %-10s %s%n", topic, counts)));
    Path target = Path.of(System.getProperty("basedir", "."), "target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve("conformance-summary.txt"), out);
      Files.write(target.resolve("conformance-spark-results.txt"),
          sparkResults.entrySet().stream().map(e -> e.getKey() + " => " + e.getValue()).toList());
      Files.write(target.resolve("conformance-mock-results.txt"),
          mockResults.entrySet().stream().map(e -> e.getKey() + " => " + e.getValue()).toList());
    }
  }

  private void checkCase(CaseSpec spec) throws Exception {
    NeutralResult expected = on(sparkThread, () -> spark.run(spec.name()));
    sparkResults.put(spec.name(), expected.describe().replace('\n', ' '));
    assertNull(expected.cleanupError(), () -> spec.name() + ": Spark clean-up failed: " + expected.cleanupError());
    if (spec.expectedError() != null) {
      assertEquals(spec.expectedError(), expected.errorClass(),
          () -> spec.name() + ": Spark must fail with the declared error class; got " + expected.describe());
    } else {
      assertNull(expected.errorClass(), () -> spec.name() + ": Spark must run the program; got " + expected.describe());
    }
    if (mock == null) {
      return;
    }
    NeutralResult actual = on(mockThread, () -> mock.run(spec.name()));
    mockResults.put(spec.name(), actual.describe().replace('\n', ' '));
    assertNull(actual.cleanupError(), () -> spec.name() + ": mockspark clean-up failed: " + actual.cleanupError());
    String mismatch = mismatch(spec, expected, actual);
    if (spec.gap() != null) {
      assertNotEquals(null, mismatch, () -> String.format(Locale.ROOT,
          "%s is marked as a known gap (%s) but now matches Spark: remove the gap mark and the entry in CONFORMANCE.md",
          spec.name(), spec.gap()));
    } else if (spec.difference() != null) {
      assertTrue(spec.mockExpectation().test(actual), () -> String.format(Locale.ROOT,
          "%s: mockspark deliberately differs (%s) but produced %s", spec.name(), spec.difference(), actual.describe()));
    } else if (mismatch != null) {
      fail(String.format(Locale.ROOT, "%s: %s%n  spark:     %s%n  mockspark: %s",
          spec.name(), mismatch, expected.describe(), actual.describe()));
    }
  }

  /** Why the two results differ, or {@code null} when they agree. */
  static String mismatch(CaseSpec spec, NeutralResult expected, NeutralResult actual) {
    if (!Objects.equals(expected.errorClass(), actual.errorClass())) {
      return "error class differs";
    }
    if (expected.errorClass() != null) {
      String suggestion = firstSuggestion(expected.errorMessage());
      if (suggestion != null && (actual.errorMessage() == null || !actual.errorMessage().contains(suggestion))) {
        return "Spark suggests `" + suggestion + "`, mockspark's message does not";
      }
      return null;
    }
    if (!expected.columns().equals(actual.columns())) {
      return "column names differ";
    }
    if (!expected.types().equals(actual.types())) {
      return "column types differ";
    }
    if (expected.rows().size() != actual.rows().size()) {
      return "row count differs";
    }
    List<List<Object>> e = new ArrayList<>(expected.rows());
    List<List<Object>> a = new ArrayList<>(actual.rows());
    if (!spec.ordered()) {
      e.sort(ROW_ORDER);
      a.sort(ROW_ORDER);
    }
    for (int i = 0; i < e.size(); i++) {
      if (!sameValue(e.get(i), a.get(i))) {
        return String.format(Locale.ROOT, "row %d differs: %s vs %s", i, e.get(i), a.get(i));
      }
    }
    return null;
  }

  private static final java.util.regex.Pattern SUGGESTION =
      java.util.regex.Pattern.compile("Did you mean one of the following\\? \\[`?([^`,\\]]+)`?");

  /** The first column Spark proposes in an UNRESOLVED_COLUMN.WITH_SUGGESTION message, or null. */
  static String firstSuggestion(String message) {
    if (message == null) {
      return null;
    }
    java.util.regex.Matcher m = SUGGESTION.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  /** A total order over neutral rows (nulls first, then by type name, then by value). */
  private static final Comparator<List<Object>> ROW_ORDER = (x, y) -> {
    for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
      int c = compareValues(x.get(i), y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.size(), y.size());
  };

  private static int compareValues(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    if (x instanceof Number nx && y instanceof Number ny) {
      return Double.compare(nx.doubleValue(), ny.doubleValue());
    }
    if (x.getClass() != y.getClass()) {
      return x.getClass().getName().compareTo(y.getClass().getName());
    }
    if (x instanceof Boolean bx) {
      return bx.compareTo((Boolean) y);
    }
    return String.valueOf(x).compareTo(String.valueOf(y));
  }

  private static boolean sameValue(Object x, Object y) {
    if (x instanceof Double dx && y instanceof Double dy) {
      double a = dx;
      double b = dy;
      if (a == b || (Double.isNaN(a) && Double.isNaN(b))) {
        return true;
      }
      return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }
    if (x instanceof List<?> lx && y instanceof List<?> ly) {
      if (lx.size() != ly.size()) {
        return false;
      }
      for (int i = 0; i < lx.size(); i++) {
        if (!sameValue(lx.get(i), ly.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(x, y);
  }

  @FunctionalInterface
  private interface Work<T> {
    T call() throws Exception;
  }

  /** Set when an engine's thread did not come back from a case: later cases on it fail at once. */
  private static final java.util.Map<ExecutorService, String> STUCK = new java.util.concurrent.ConcurrentHashMap<>();

  private static <T> T on(ExecutorService thread, Work<T> work) throws Exception {
    String stuck = STUCK.get(thread);
    if (stuck != null) {
      throw new AssertionError("not run: this engine's thread is still stuck in " + stuck);
    }
    var future = thread.submit(work::call);
    try {
      return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      STUCK.put(thread, "a call that timed out after " + CASE_TIMEOUT_SECONDS + " s");
      throw new AssertionError("timed out after " + CASE_TIMEOUT_SECONDS + " s", e);
    }
  }
}
