package dev.confine.mockspark.shell;

import dev.confine.mockspark.sql.Dataset;
import dev.confine.mockspark.sql.Row;
import dev.confine.mockspark.sql.SparkSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./confine spark-sql}: a line-based SQL shell on a mockspark session, shaped like Spark's
 * {@code spark-sql}. Statements end with {@code ;} and may span lines; results print as spark-sql prints them
 * (tab-separated, {@code NULL} for null; {@code --header} adds the column names, {@code --table} draws a box);
 * "Time taken" goes to stderr; an error prints {@code Error in query: ...} and the shell goes on. Every statement
 * run interactively is appended to a history file ({@code ~/.confine/spark-sql-history} unless {@code --history}
 * says otherwise). There is no line editing: up/down arrows do not recall history (read the file instead).
 * Options: {@code --database db}, {@code -e "sql"}, {@code -f file}, {@code --conf key=value}, {@code --header},
 * {@code --table}, {@code --history file}. With {@code -e} or {@code -f} the first failing statement ends the run
 * with exit code 1. One shell drives one session from one thread; not meant to be shared.
 */
public final class SparkSqlShell {
  private static final Set<String> RESULT_STATEMENTS = Set.of(
      "SELECT", "WITH", "VALUES", "FROM", "TABLE", "SHOW", "DESCRIBE", "DESC", "SET", "EXPLAIN", "(");

  private final PrintStream out;
  private final PrintStream err;
  private boolean header;
  private boolean table;
  private Path history;
  private SparkSession spark;

  private SparkSqlShell(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /** Runs the shell on the given streams; returns the process exit code (0 ok, 1 a statement failed, 2 usage). */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return new SparkSqlShell(out, err).start(args, in);
  }

  private int start(String[] args, InputStream in) {
    String database = null;
    String inline = null;
    Path file = null;
    history = Path.of(System.getProperty("user.home"), ".confine", "spark-sql-history");
    SparkSession.Builder builder = SparkSession.builder().appName("spark-sql").master("local[1]");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (a) {
        case "--database" -> {
          if (!hasValue) {
            return usage("--database needs a database name");
          }
          database = args[++i];
        }
        case "-e" -> {
          if (!hasValue) {
            return usage("-e needs SQL text, e.g. -e \"SELECT 1\"");
          }
          inline = args[++i];
        }
        case "-f" -> {
          if (!hasValue) {
            return usage("-f needs a file of SQL statements");
          }
          file = Path.of(args[++i]);
        }
        case "--conf" -> {
          if (!hasValue || !args[i + 1].contains("=")) {
            return usage("--conf needs key=value");
          }
          String kv = args[++i];
          builder.config(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        case "--history" -> {
          if (!hasValue) {
            return usage("--history needs a file path");
          }
          history = Path.of(args[++i]);
        }
        case "--header" -> header = true;
        case "--table" -> table = true;
        case "-h", "--help" -> {
          usageText(out);
          return 0;
        }
        default -> {
          return usage("unknown option '" + a + "'");
        }
      }
    }
    if (inline != null && file != null) {
      return usage("give either -e or -f, not both");
    }
    spark = builder.getOrCreate();
    try {
      if (database != null && !execute("USE " + quoteIdentifier(database), false)) {
        return 1;
      }
      if (inline != null) {
        return runAll(inline) ? 0 : 1;
      }
      if (file != null) {
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          err.println(String.format(Locale.ROOT, "Could not read %s: %s", file, e.getMessage()));
          return 1;
        }
        return runAll(text) ? 0 : 1;
      }
      return interactive(in);
    } finally {
      spark.stop();
    }
  }

  private static String quoteIdentifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private int usage(String problem) {
    err.println("spark-sql: " + problem);
    usageText(err);
    return 2;
  }

  private static void usageText(PrintStream to) {
    to.println("usage: ./confine spark-sql [--database db] [-e \"sql\" | -f file] [--conf key=value] [--header] "
        + "[--table] [--history file]");
    to.println("  statements end with ';' and may span lines; quit; or exit; (or end of input) leaves.");
    to.println("  history is appended to ~/.confine/spark-sql-history; there is no up/down-arrow recall.");
  }

  /** Runs every statement of {@code text}; stops at the first failure. */
  private boolean runAll(String text) {
    StatementSplitter splitter = new StatementSplitter();
    List<String> statements = new ArrayList<>(splitter.feed(text + "\n"));
    String last = splitter.rest().strip();
    if (!last.isEmpty()) {
      statements.add(last); // -e "SELECT 1" needs no trailing ';'
    }
    for (String s : statements) {
      if (isQuit(s)) {
        return true;
      }
      if (!execute(s, false)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isQuit(String statement) {
    String s = statement.strip().toLowerCase(Locale.ROOT);
    return s.equals("quit") || s.equals("exit");
  }

  private int interactive(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StatementSplitter splitter = new StatementSplitter();
    try {
      while (true) {
        out.print(splitter.rest().isBlank() ? "spark-sql (" + currentDatabase() + ")> " : "                  > ");
        out.flush();
        String line = reader.readLine();
        if (line == null) {
          out.println();
          return 0;
        }
        for (String statement : splitter.feed(line + "\n")) {
          if (isQuit(statement)) {
            return 0;
          }
          remember(statement);
          execute(statement, true);
        }
      }
    } catch (IOException e) {
      err.println("Could not read input: " + e.getMessage());
      return 1;
    }
  }

  private String currentDatabase() {
    try {
      return spark.catalog().currentDatabase();
    } catch (RuntimeException e) {
      return "?";
    }
  }

  private void remember(String statement) {
    try {
      Path parent = history.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(history, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        w.write(statement.replace('\n', ' ').strip() + ";\n");
      }
    } catch (IOException e) {
      // the shell stays usable without history; say so once per failure
      err.println("(history not saved to " + history + ": " + e.getMessage() + ")");
    }
  }

  /** Runs one statement and prints its result; false (after printing the error) if it failed. */
  private boolean execute(String statement, boolean interactive) {
    long start = System.nanoTime();
    try {
      Dataset<Row> result = spark.sql(statement);
      String first = firstWord(statement);
      int fetched = 0;
      if (RESULT_STATEMENTS.contains(first)) {
        List<Row> rows = result.collectAsList();
        fetched = rows.size();
        print(result.columns(), rows);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      err.println(String.format(Locale.ROOT, "Time taken: %.3f seconds%s", seconds,
          RESULT_STATEMENTS.contains(first) ? ", Fetched " + fetched + " row(s)" : ""));
      return true;
    } catch (RuntimeException e) {
      // the shell survives any failure of a statement: report it and go on (or stop, for -e / -f)
      err.println("Error in query: " + e.getMessage());
      if (!interactive) {
        err.println("(stopped at the statement above)");
      }
      return false;
    }
  }

  private static String firstWord(String statement) {
    String s = statement.stripLeading();
    if (s.startsWith("(")) {
      return "(";
    }
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end).toUpperCase(Locale.ROOT);
  }

  private void print(String[] columns, List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      String[] c = new String[columns.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = format(r.get(i));
      }
      cells.add(c);
    }
    if (!table) {
      if (header) {
        out.println(String.join("\t", columns));
      }
      for (String[] c : cells) {
        out.println(String.join("\t", c));
      }
      return;
    }
    int[] width = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      width[i] = columns[i].length();
      for (String[] c : cells) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder line = new StringBuilder("+");
    for (int w : width) {
      line.append("-".repeat(w + 2)).append('+');
    }
    out.println(line);
    out.println(boxRow(columns, width));
    out.println(line);
    for (String[] c : cells) {
      out.println(boxRow(c, width));
    }
    out.println(line);
  }

  private static String boxRow(String[] values, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      b.append(' ').append(values[i]).append(" ".repeat(width[i] - values[i].length())).append(" |");
    }
    return b.toString();
  }

  /** Values as spark-sql prints them: NULL, plain decimals, [a,b] for arrays, {a,b} for structs. */
  static String format(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object o : list) {
        parts.add(o instanceof String s ? "\"" + s + "\"" : format(o));
      }
      return "[" + String.join(",", parts) + "]";
    }
    if (v instanceof Row r) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        parts.add(format(r.get(i)));
      }
      return "{" + String.join(",", parts) + "}";
    }
    return String.valueOf(v);
  }
}
