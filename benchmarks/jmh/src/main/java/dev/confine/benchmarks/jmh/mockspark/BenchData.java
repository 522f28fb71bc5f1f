package dev.confine.benchmarks.jmh.mockspark;

/** The data and settings both engines get, written once so the two sides cannot drift apart. */
final class BenchData {
  private BenchData() {}

  /** Rows of the employee table. */
  static final int EMP_ROWS = 10_000;
  /** Rows of the department table (every employee's department is one of them). */
  static final int DEPT_ROWS = 20;


  /** The employee table from {@code range(EMP_ROWS)}: Spark SQL expressions DuckDB also understands. */
  static final String[] EMP_COLUMNS = {
    "CAST(id AS INT) AS id",
    "concat('n', CAST(id AS STRING)) AS name",
    "concat('d', CAST(id % " + DEPT_ROWS + " AS STRING)) AS dept",
    "CAST(id * 37 % 1000 AS INT) AS salary"
  };

  /** The department table from {@code range(DEPT_ROWS)}. */
  static final String[] DEPT_COLUMNS = {
    "concat('d', CAST(id AS STRING)) AS dept",
    "concat('Dept ', CAST(id AS STRING)) AS title"
  };
}
