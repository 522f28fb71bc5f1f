package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;

import java.util.List;
import org.apache.spark.sql.SparkSession;

/** spark.sql over temp views: the Spark SQL subset mockspark maps onto DuckDB. */
final class SqlPrograms {
  private SqlPrograms() {}

  private static SparkSession views(SparkSession s) {
    Data.people(s).createOrReplaceTempView("people");
    Data.depts(s).createOrReplaceTempView("depts");
    Data.sales(s).createOrReplaceTempView("sales");
    return s;
  }

  static void register(List<Case> all) {
    add(all, "sql.selectWhere", s -> views(s).sql("SELECT id, name FROM people WHERE age > 30"));
    add(all, "sql.rangeTableFunction", s -> s.sql("SELECT id, id * 2 AS d FROM range(3)"));
    add(all, "sql.rangeTableFunctionStepAlias", s -> s.sql("SELECT r.id FROM range(2, 10, 3, 4) r WHERE r.id > 2"));
    add(all, "sql.rangeTableFunctionJoin", s -> s.sql("SELECT a.id, b.id AS other FROM range(4) a JOIN range(2, 6) b ON a.id = b.id"));
    add(all, "sql.rangeTableFunctionFromList", s -> s.sql("SELECT a.id, b.id AS other FROM range(3) a, range(2) b WHERE a.id >= b.id"));
    add(all, "sql.literalsOnly", s -> s.sql("SELECT 1 AS one, 'a' AS letter, 2.5 AS dec, true AS flag"));
    add(all, "sql.groupByHaving", s -> views(s).sql(
        "SELECT dept, count(*) AS n, sum(salary) AS total FROM people GROUP BY dept HAVING count(*) > 1"));
    add(all, "sql.join", s -> views(s).sql(
        "SELECT p.name, d.floor FROM people p JOIN depts d ON p.dept = d.dept"));
    add(all, "sql.leftJoin", s -> views(s).sql(
        "SELECT p.name, d.floor FROM people p LEFT JOIN depts d ON p.dept = d.dept"));
    add(all, "sql.orderByLimit", s -> views(s).sql("SELECT name FROM people ORDER BY salary DESC NULLS LAST, id LIMIT 3")).ordered();
    add(all, "sql.caseWhen", s -> views(s).sql(
        "SELECT id, CASE WHEN age >= 40 THEN 'old' WHEN age IS NULL THEN 'unknown' ELSE 'young' END AS band FROM people"));
    add(all, "sql.cte", s -> views(s).sql(
        "WITH rich AS (SELECT * FROM people WHERE salary > 90) SELECT dept, count(*) AS n FROM rich GROUP BY dept"));
    add(all, "sql.inSubquery", s -> views(s).sql(
        "SELECT name FROM people WHERE dept IN (SELECT dept FROM depts WHERE floor > 1)"));
    add(all, "sql.window", s -> views(s).sql(
        "SELECT region, month, rank() OVER (PARTITION BY region ORDER BY amount DESC) AS r FROM sales"));
    add(all, "sql.distinct", s -> views(s).sql("SELECT DISTINCT age FROM people"));
    add(all, "sql.unionAll", s -> views(s).sql("SELECT dept FROM people UNION ALL SELECT dept FROM depts"));
    add(all, "sql.union", s -> views(s).sql("SELECT dept FROM people UNION SELECT dept FROM depts"));
    add(all, "sql.functions", s -> views(s).sql(
        "SELECT id, upper(name) AS u, length(name) AS n, coalesce(dept, '-') AS d, round(salary / 3, 2) AS r FROM people"));
    add(all, "sql.dates", s -> s.sql(
        "SELECT date_add(DATE'2024-02-28', 2) AS d, datediff(DATE'2024-03-01', DATE'2024-02-01') AS n, "
            + "year(DATE'2024-02-28') AS y"));
    add(all, "sql.castSyntax", s -> s.sql("SELECT CAST('12' AS INT) AS i, CAST(3.7 AS INT) AS t, CAST('2024-01-02' AS DATE) AS d"));
    add(all, "sql.createTableAsSelect", s -> {
      views(s).sql("CREATE TABLE q_ctas USING parquet AS SELECT id, name FROM people WHERE id < 3");
      return s.table("q_ctas");
    }).cleanup("DROP TABLE IF EXISTS q_ctas");
    add(all, "sql.insertIntoValues", s -> {
      s.sql("CREATE TABLE q_ins (id INT, name STRING) USING parquet");
      s.sql("INSERT INTO q_ins VALUES (1, 'a'), (2, 'b')");
      return s.sql("SELECT * FROM q_ins");
    }).cleanup("DROP TABLE IF EXISTS q_ins");
    add(all, "sql.createTempViewSql", s -> {
      views(s).sql("CREATE OR REPLACE TEMPORARY VIEW q_view AS SELECT id FROM people WHERE id > 4");
      return s.table("q_view");
    });
    add(all, "sql.nullSemantics", s -> s.sql("SELECT NULL = NULL AS a, NULL <=> NULL AS b, 1 + NULL AS c"));
    add(all, "sql.integerDivision", s -> s.sql("SELECT 7 / 2 AS d, 7 DIV 2 AS i, 7 % 3 AS m"));
    add(all, "sql.likeAndRlike", s -> views(s).sql("SELECT name FROM people WHERE name LIKE '%a%' OR name RLIKE '^E'"));

    // Spark-only syntax that mockspark translates (engineer B)
    add(all, "sql.backticksAndQuotes", s -> views(s).sql(
        "SELECT `name` AS `the name`, \"dq\" AS d, 'it\\'s' AS e FROM people WHERE `id` = 1"));
    add(all, "sql.sparkOperators", s -> s.sql("SELECT 7 DIV 2 AS a, NULL <=> 1 AS b, 'Eve' RLIKE '^E' AS c, "
        + "'Steve' NOT RLIKE 'v' AS d, 10L AS e, 1.5D AS f, 2S AS g, CAST(-3.7 AS INT) AS h, CAST('7' AS BIGINT) AS i"));
    add(all, "sql.sparkFunctions", s -> s.sql("SELECT concat('a', NULL) AS a, size(array(1, 2, 3)) AS b, "
        + "date_format(DATE'2024-02-03', 'yyyy/MM/dd') AS c, nvl(NULL, 'x') AS d, instr('hello', 'l') AS e, "
        + "locate('l', 'hello') AS f, regexp_replace('a1b2', '[0-9]', 'x') AS g, split('a,b,c', ',') AS h, "
        + "year('2024-02-28') AS i, dayofweek(DATE'2024-02-28') AS j, date_sub(DATE'2024-03-01', 1) AS k, "
        + "to_date('03/02/2024', 'dd/MM/yyyy') AS l, length('abc') AS m, isnull(NULL) AS n"));
    add(all, "sql.collectListGroupBy", s -> views(s).sql(
        "SELECT dept, sort_array(collect_list(age)) AS ages FROM people GROUP BY dept"));
    add(all, "sql.orderByDefaultNulls", s -> views(s).sql("SELECT id, age FROM people ORDER BY age, id")).ordered();
    add(all, "sql.orderByDescDefaultNulls", s -> views(s).sql("SELECT id, age FROM people ORDER BY age DESC, id")).ordered();
    add(all, "sql.describeTable", s -> {
      s.sql("CREATE TABLE q_desc (id INT, name STRING, price DECIMAL(10,2)) USING parquet TBLPROPERTIES ('a' = 'b')");
      return s.sql("DESCRIBE TABLE q_desc");
    }).ordered().cleanup("DROP TABLE IF EXISTS q_desc");
    add(all, "sql.showTablesLike", s -> {
      s.sql("CREATE DATABASE q_db");
      s.sql("CREATE TABLE q_db.q_show_b (id INT) USING parquet");
      s.sql("CREATE TABLE q_db.q_show_a AS SELECT 1 AS id");
      return s.sql("SHOW TABLES IN q_db LIKE 'q_show*'");
    }).cleanup("DROP DATABASE IF EXISTS q_db CASCADE");
    add(all, "sql.showDatabasesLike", s -> {
      s.sql("CREATE DATABASE IF NOT EXISTS q_db2 COMMENT 'x'");
      return s.sql("SHOW DATABASES LIKE 'q_db2*'");
    }).cleanup("DROP DATABASE IF EXISTS q_db2 CASCADE");
    add(all, "sql.useDatabase", s -> {
      s.sql("CREATE DATABASE q_db3");
      s.sql("USE q_db3");
      s.sql("CREATE TABLE q_in3 AS SELECT 3 AS three");
      s.sql("USE default");
      return s.sql("SELECT * FROM q_db3.q_in3");
    }).cleanup("USE default", "DROP DATABASE IF EXISTS q_db3 CASCADE");
    add(all, "sql.insertOverwrite", s -> {
      s.sql("CREATE TABLE q_ow (id INT, name STRING) USING parquet PARTITIONED BY (name)");
      s.sql("INSERT INTO q_ow VALUES (1, 'a'), (2, 'b')");
      s.sql("INSERT OVERWRITE TABLE q_ow SELECT id + 10, name FROM VALUES (2, 'b') AS t(id, name)");
      return s.table("q_ow");
    }).cleanup("DROP TABLE IF EXISTS q_ow");
    add(all, "sql.cacheTableAs", s -> {
      views(s).sql("CACHE TABLE q_cached AS SELECT id FROM people WHERE id <= 2");
      s.sql("UNCACHE TABLE q_cached");
      return s.sql("SELECT * FROM q_cached");
    });
    add(all, "sql.globalTempView", s -> {
      views(s).sql("CREATE OR REPLACE GLOBAL TEMPORARY VIEW q_gv AS SELECT id FROM people WHERE id > 5");
      return s.sql("SELECT * FROM global_temp.q_gv");
    });
    add(all, "sql.unaliasedFunctionNames", s -> views(s).sql(
        "SELECT dept, count(*), SUM(salary), max(upper(name)), coalesce(dept, '-'), round(avg(age), 1) FROM people "
            + "GROUP BY dept"));
    add(all, "sql.selectExprNames", s -> Data.people(s).selectExpr("upper(name)", "length(name)", "id"));
    add(all, "sql.describeMissingTable", s -> s.sql("DESCRIBE q_none")).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "sql.useMissingDatabase", s -> s.sql("USE q_none_db")).error("SCHEMA_NOT_FOUND");
    add(all, "sql.insertIntoMissingTable", s -> s.sql("INSERT INTO q_none_t VALUES (1)")).error("TABLE_OR_VIEW_NOT_FOUND");
  }
}
