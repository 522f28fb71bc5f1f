package dev.confine.benchmarks.jmh.mockspark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import dev.confine.mockspark.sql.SparkSession;
import java.util.Locale;

/**
 * Where a cold mockspark session's time goes: run in a fresh JVM, it times loading DuckDB JDBC's
 * native library and then opening the first in-memory database and running one query; with
 * {@code --session}, a whole mockspark {@code getOrCreate()} and its first {@code spark.sql}
 * instead. Not JMH: a cold start happens once per JVM.
 *
 * <p>With no argument, the library is loaded the way DuckDB JDBC always loads it (its class
 * initialiser copies the bundled ~57 MB library to a new temporary file, then loads that). With
 * the path of a copy extracted beforehand ({@code unzip -p duckdb_jdbc-*.jar
 * libduckdb_java.so_linux_amd64 > /tmp/libduckdb_java.so}), that copy is loaded first, which
 * shows the cost of the load alone; the JDBC driver then still makes and loads its own copy when
 * the first connection opens, so only the first figure means anything in that mode.
 *
 * <p>{@code --session} goes through mockspark, which loads the library from its per-user cache
 * (DuckDbDriver); add {@code -Dconfine.duckdb.libraryCache=off} before {@code -cp} to time the
 * same session with DuckDB JDBC's own copy instead.
 */
public final class ColdStartMain {
  private ColdStartMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--session")) {
      session();
      return;
    }
    long t0 = System.nanoTime();
    if (args.length > 0) {
      System.load(args[0]);
    } else {
      Class.forName("org.duckdb.DuckDBNative");
    }
    long t1 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 42")) {
      if (!r.next() || r.getInt(1) != 42) {
        throw new IllegalStateException("DuckDB did not answer 42");
      }
    }
    long t2 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%s: %.1f ms; then first connection + query: %.1f ms%n",
        args.length > 0 ? "System.load of " + args[0] : "DuckDB JDBC's own load (copy + load)",
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6);
  }

  private static void session() {
    long t0 = System.nanoTime();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("cold").getOrCreate();
    long t1 = System.nanoTime();
    long n = spark.sql("SELECT 42 AS x").collectAsList().get(0).getInt(0);
    long t2 = System.nanoTime();
    spark.stop();
    if (n != 42) {
      throw new IllegalStateException("mockspark did not answer 42");
    }
    System.out.printf(
        Locale.ROOT,
        "mockspark getOrCreate(): %.1f ms; then first spark.sql(\"SELECT 42\") collected: %.1f ms%n",
        (t1 - t0) / 1e6,
        (t2 - t1) / 1e6);
  }
}
