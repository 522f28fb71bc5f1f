package dev.confine.mockspark.sql;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Malformed SQL, however it is cut, must end in a Spark-shaped error (or run), never in an internal exception
 * (index out of bounds, null pointer, class cast) from the lexer, statement parser or translator. Random token
 * soups from a fixed seed, so a failure is reproducible.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlInputRobustnessTest {
  private static final String[] VOCABULARY = {
    "SELECT", "FROM", "WHERE", "CREATE", "TABLE", "DATABASE", "VIEW", "TEMPORARY", "GLOBAL", "DROP", "INSERT", "INTO",
    "OVERWRITE", "VALUES", "DESCRIBE", "SHOW", "TABLES", "USE", "CACHE", "ALTER", "ADD", "COLUMNS", "RENAME", "TO", "AS",
    "USING", "parquet", "IF", "NOT", "EXISTS", "ORDER", "BY", "DESC", "DIV", "RLIKE", "<=>", "/", "%", "(", ")", ",", ".",
    ";", "`t`", "'s'", "\"d\"", "1", "2.5", "10L", "t", "x", "date_add", "concat", "CAST", "INT", "LIKE", "SET", "=",
    "CASE", "WHEN", "THEN", "END", "OPTIONS", "PARTITIONED", "TBLPROPERTIES", "LOCATION", "EXPLAIN", "TRUNCATE", "*",
    "-", "::", "NULL", "LATERAL", "COMMENT", "'unterminated", "`open", "/*", "--"
  };

  private SparkSession spark;

  @BeforeEach
  void open() {
    spark = SparkSession.builder().getOrCreate().newSession();
    spark.sql("CREATE TABLE t (x INT, s STRING)");
  }

  @AfterEach
  void close() {
    spark.stop();
  }

  @Test
  void randomTokenSoupsFailWithSparkErrorsOnly() {
    Random random = new Random(20261123L);
    List<String> internal = new ArrayList<>();
    for (int n = 0; n < 1500; n++) {
      StringBuilder sql = new StringBuilder();
      int len = 1 + random.nextInt(9);
      for (int i = 0; i < len; i++) {
        sql.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
      }
      String text = sql.toString();
      try {
        spark.sql(text).collectAsList();
      } catch (AnalysisException | SparkRuntimeException | IllegalArgumentException expected) {
        // a Spark-shaped error naming the problem
      } catch (RuntimeException e) {
        if (!String.valueOf(e.getMessage()).startsWith("DuckDB failed on query")) {
          internal.add(text + " -> " + e);
        }
      }
    }
    if (!internal.isEmpty()) {
      fail(internal.size() + " inputs ended in internal exceptions, e.g.:\n"
          + String.join("\n", internal.subList(0, Math.min(10, internal.size()))));
    }
  }
}
