package dev.confine.mockspark.conformance.programs;

import dev.confine.mockspark.conformance.CaseSpec;
import dev.confine.mockspark.conformance.EngineSuite;
import dev.confine.mockspark.conformance.NeutralResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The conformance programs on this engine's session. The same source opens real Spark (local[1]) or
 * mockspark. Not thread-safe: one test thread drives it.
 */
public final class Suite implements EngineSuite {
  private final SparkSession spark;
  private final Map<String, Case> cases = new LinkedHashMap<>();

  /** Opens a session whose warehouse (saveAsTable) is under {@code warehouse}. */
  public Suite(Path warehouse) {
    spark = SparkSession.builder()
        .master("local[1]")
        .appName("confine-conformance")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.datetime.java8API.enabled", "true")
        .config("spark.sql.warehouse.dir", warehouse.toAbsolutePath().toString())
        .getOrCreate();
    for (Case c : Programs.all()) {
      if (cases.putIfAbsent(c.name, c) != null) {
        throw new IllegalStateException(String.format(Locale.ROOT, "duplicate case name: %s", c.name));
      }
    }
  }

  @Override
  public List<CaseSpec> specs() {
    List<CaseSpec> specs = new ArrayList<>();
    for (Case c : cases.values()) {
      specs.add(c.spec());
    }
    return specs;
  }

  @Override
  public NeutralResult run(String caseName) {
    Case c = cases.get(caseName);
    if (c == null) {
      throw new IllegalArgumentException("unknown case: " + caseName);
    }
    NeutralResult result;
    try {
      result = Neutral.of(c.program.run(spark));
    } catch (Exception | LinkageError | AssertionError e) {
      result = Neutral.error(e);
    }
    String cleanupError = cleanUp(c);
    if (cleanupError != null) {
      result = new NeutralResult(result.columns(), result.types(), result.rows(), result.errorClass(),
          result.errorMessage(), cleanupError);
    }
    return result;
  }

  /** Runs the case's clean-up and puts the session back on the default database. */
  private String cleanUp(Case c) {
    StringBuilder failures = new StringBuilder();
    try {
      spark.catalog().setCurrentDatabase("default");
    } catch (RuntimeException e) {
      failures.append("setCurrentDatabase(default): ").append(e).append('\n');
    }
    for (String sql : c.cleanup) {
      try {
        spark.sql(sql).collectAsList();
      } catch (RuntimeException e) {
        failures.append(sql).append(": ").append(e).append('\n');
      }
    }
    return failures.length() == 0 ? null : failures.toString();
  }

  @Override
  public void close() {
    spark.stop();
  }
}
