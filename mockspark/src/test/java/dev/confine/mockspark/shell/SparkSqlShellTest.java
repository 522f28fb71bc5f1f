package dev.confine.mockspark.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Drives the spark-sql shell through its stdin/stdout/stderr, in-process and as a real child JVM. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SparkSqlShellTest {
  record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SparkSqlShell.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void multiLineStatementsErrorsThatDoNotKillTheShellAndHistory(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("h/history");
    Run r = run("""
        CREATE DATABASE shop;
        USE shop;
        CREATE TABLE t (id INT, name STRING)
          USING parquet;
        INSERT INTO t VALUES (1, 'a;b'), (2, NULL); SELECT no_such_col FROM t;
        SELECT id,
               name -- a comment; with a semicolon
        FROM t ORDER BY id;
        quit;
        SELECT 'never run';
        """, "--history", history.toString(), "--header");
    assertEquals(0, r.code(), r.err());
    // prompts show the current database; the result is spark-sql's tab-separated form with a header
    assertTrue(r.out().contains("spark-sql (default)> "), r.out());
    assertTrue(r.out().contains("spark-sql (shop)> "), r.out());
    assertTrue(r.out().contains("id\tname\n1\ta;b\n2\tNULL\n"), r.out());
    assertTrue(r.err().contains("Error in query: [UNRESOLVED_COLUMN.WITH_SUGGESTION]"), r.err());
    assertTrue(r.err().contains("Fetched 2 row(s)"), r.err());
    assertTrue(!r.out().contains("never run") && !r.err().contains("never run"));
    List<String> lines = Files.readAllLines(history);
    assertEquals(List.of("CREATE DATABASE shop;", "USE shop;", "CREATE TABLE t (id INT, name STRING)   USING parquet;",
        "INSERT INTO t VALUES (1, 'a;b'), (2, NULL);", "SELECT no_such_col FROM t;",
        "SELECT id,        name  FROM t ORDER BY id;"), lines);
  }

  @Test
  void inlineAndFileModesStopAtTheFirstErrorWithExitCodeOne(@TempDir Path dir) throws Exception {
    Run ok = run("", "-e", "SELECT 1 AS one, 'x' AS letter", "--table");
    assertEquals(0, ok.code(), ok.err());
    assertEquals("+-----+--------+\n| one | letter |\n+-----+--------+\n| 1   | x      |\n+-----+--------+\n", ok.out());

    Path file = dir.resolve("q.sql");
    Files.writeString(file, "CREATE TEMPORARY VIEW v AS SELECT 2 AS two;\nSELEC 1;\nSELECT * FROM v;\n");
    Run bad = run("", "-f", file.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("Error in query: [PARSE_SYNTAX_ERROR]") && bad.err().contains("'SELEC'"), bad.err());
    assertEquals("", bad.out());

    Run missingDb = run("", "--database", "nowhere", "-e", "SELECT 1");
    assertEquals(1, missingDb.code());
    assertTrue(missingDb.err().contains("SCHEMA_NOT_FOUND"), missingDb.err());
    assertEquals(2, run("", "--bogus").code());
  }

  @Test
  void realChildProcessReadsStdinAndWritesStdout(@TempDir Path dir) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SparkSqlShell.class.getName(),
        "--history", dir.resolve("history").toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (var stdin = p.getOutputStream()) {
      stdin.write("SELECT 40 +\n 2 AS answer;\nexit;\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "shell did not exit");
    assertEquals(0, p.exitValue());
    assertTrue(out.contains("> 42\n"), out);
  }
}
