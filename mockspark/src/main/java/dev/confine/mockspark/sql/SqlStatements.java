package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.SqlLexer.Kind;
import dev.confine.mockspark.sql.SqlLexer.Node;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs one Spark SQL statement on a session: recognises the statement from its leading keywords, translates
 * Spark-only syntax (CREATE DATABASE, USING/PARTITIONED BY/TBLPROPERTIES on CREATE TABLE, temporary and global
 * temporary views, INSERT OVERWRITE, DESCRIBE, SHOW, USE, CACHE, SET) and hands DuckDB SQL to the session.
 * Queries go through {@link SqlTranslator}. Anything else fails with {@code PARSE_SYNTAX_ERROR} naming the token.
 * Stateless and thread-safe; DDL goes through the session's per-name lock.
 */
final class SqlStatements {
  private SqlStatements() {}

  private static final Set<String> QUERY_START = Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE");

  static Dataset<Row> run(SparkSession session, String sql) {
    if (sql == null) {
      throw new IllegalArgumentException("sql text is null: pass a Spark SQL statement such as \"SELECT 1\"");
    }
    List<Node> all = SqlLexer.parse(sql);
    int end = all.size();
    while (end > 0 && all.get(end - 1).kind() == Kind.SEMI) {
      end--;
    }
    List<Node> t = all.subList(0, end);
    if (t.isEmpty()) {
      throw SqlLexer.syntax(sql, 0, "end of input", "the statement is empty");
    }
    Node first = t.get(0);
    if (first.kind() == Kind.GROUP || (first.kind() == Kind.WORD && QUERY_START.contains(first.upper()))) {
      return SessionCatalog.query(session, SqlTranslator.query(sql));
    }
    if (first.kind() != Kind.WORD) {
      throw SqlLexer.syntax(sql, first.pos(), "'" + first.text() + "'", "a statement starts with a keyword");
    }
    Cursor c = new Cursor(t, sql);
    c.next();
    return switch (first.upper()) {
      case "CREATE" -> create(session, c);
      case "DROP" -> drop(session, c);
      case "INSERT" -> insert(session, c);
      case "DESCRIBE", "DESC" -> describe(session, c);
      case "SHOW" -> show(session, c);
      case "USE" -> {
        c.optional("DATABASE", "SCHEMA", "NAMESPACE");
        String db = c.identifier("a database name");
        c.expectEnd();
        SessionCatalog.setCurrentDatabase(session, db);
        yield SessionCatalog.emptyResult(session);
      }
      case "CACHE" -> cache(session, c);
      case "UNCACHE" -> {
        c.expect("TABLE");
        boolean ifExists = c.optionalSequence("IF", "EXISTS");
        String name = SqlTranslator.tableName(c.remaining(), c.sql);
        c.skipRest();
        if (!ifExists) {
          SessionCatalog.query(session, "SELECT * FROM " + name); // TABLE_OR_VIEW_NOT_FOUND when missing, as in Spark
        }
        session.cachedTables().remove(name.toLowerCase(Locale.ROOT));
        yield SessionCatalog.emptyResult(session);
      }
      case "CLEAR" -> {
        c.expect("CACHE");
        c.expectEnd();
        session.cachedTables().clear();
        yield SessionCatalog.emptyResult(session);
      }
      case "REFRESH", "MSCK", "ANALYZE" -> SessionCatalog.emptyResult(session); // nothing is cached or partitioned on disk
      case "TRUNCATE" -> {
        c.expect("TABLE");
        String name = SqlTranslator.tableName(c.remaining(), sql);
        SessionCatalog.executeSql(session, "DELETE FROM " + name);
        yield SessionCatalog.emptyResult(session);
      }
      case "ALTER" -> alter(session, c);
      case "SET" -> set(session, c);
      case "RESET" -> SessionCatalog.emptyResult(session);
      case "EXPLAIN" -> {
        c.optional("EXTENDED", "FORMATTED", "CODEGEN", "COST");
        String q = SqlTranslator.query(c.restText());
        SessionCatalog.query(session, q); // analyse it
        yield SessionCatalog.rows(session, new StructType().add("plan", DataTypes.StringType),
            List.of(RowFactory.create("== DuckDB SQL ==\n" + q)));
      }
      default -> throw SqlLexer.syntax(sql, first.pos(), "'" + first.text() + "'",
          "mockspark runs queries (SELECT, WITH, VALUES, FROM, TABLE) and CREATE, DROP, INSERT, DESCRIBE, SHOW, "
              + "USE, CACHE, UNCACHE, CLEAR CACHE, REFRESH, TRUNCATE, ALTER, SET, EXPLAIN");
    };
  }

  private static Dataset<Row> create(SparkSession session, Cursor c) {
    boolean orReplace = c.optionalSequence("OR", "REPLACE");
    boolean global = c.optional("GLOBAL");
    boolean temporary = c.optional("TEMPORARY", "TEMP");
    c.optional("EXTERNAL");
    if (c.optional("DATABASE", "SCHEMA", "NAMESPACE")) {
      boolean ifNotExists = c.optionalSequence("IF", "NOT", "EXISTS");
      String name = c.identifier("a database name");
      c.skipClauses(); // COMMENT, LOCATION, WITH DBPROPERTIES: nothing to keep in memory
      String duck = "CREATE SCHEMA " + (ifNotExists ? "IF NOT EXISTS " : "") + Column.quote(name);
      session.executeDdl("SCHEMA " + name.toLowerCase(Locale.ROOT), duck);
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("VIEW")) {
      boolean ifNotExists = c.optionalSequence("IF", "NOT", "EXISTS");
      List<Node> nameNodes = c.nameNodes();
      String name = SqlTranslator.tableName(nameNodes, c.sql);
      if (global) {
        if (nameNodes.size() > 1) {
          throw SqlLexer.syntax(c.sql, nameNodes.get(0).pos(), "'" + nameNodes.get(0).text() + "'",
              "a global temporary view name cannot be qualified; it always lives in global_temp");
        }
        session.executeDdl("SCHEMA global_temp", "CREATE SCHEMA IF NOT EXISTS global_temp");
        name = "global_temp." + name;
      }
      String columns = "";
      if (c.peekGroup()) {
        List<String> names = new ArrayList<>();
        for (List<Node> def : splitCommas(c.nextNode().children())) {
          names.add(SqlTranslator.tableName(def.subList(0, 1), c.sql)); // a column name, optional COMMENT dropped
        }
        columns = " (" + String.join(", ", names) + ")";
      }
      c.skipUntil("AS");
      c.expect("AS");
      String query = SqlTranslator.query(c.restText());
      String duck = "CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + (ifNotExists ? "IF NOT EXISTS " : "")
          + name + columns + " AS " + query;
      session.executeDdl("VIEW " + name.toLowerCase(Locale.ROOT), duck);
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("TABLE")) {
      if (temporary) {
        throw SqlLexer.syntax(c.sql, c.lastPos(), "'TEMPORARY'",
            "Spark has no CREATE TEMPORARY TABLE; use CREATE TEMPORARY VIEW ... AS SELECT");
      }
      boolean ifNotExists = c.optionalSequence("IF", "NOT", "EXISTS");
      String name = SqlTranslator.tableName(c.nameNodes(), c.sql);
      String columns = null;
      if (c.peekGroup()) {
        columns = columnDefinitions(c.nextNode(), c.sql);
      }
      String format = null;
      String location = null;
      while (!c.atEnd() && !c.peekWord("AS")) {
        if (c.optional("USING")) {
          format = c.identifier("a data source name such as parquet").toLowerCase(Locale.ROOT);
        } else if (c.optional("LOCATION")) {
          location = c.string("a LOCATION path");
        } else if (c.optional("STORED")) {
          c.expect("AS");
          format = c.identifier("a file format").toLowerCase(Locale.ROOT);
        } else {
          c.skipClause();
        }
      }
      String duck;
      if (c.optional("AS")) {
        if (columns != null) {
          throw SqlLexer.syntax(c.sql, c.lastPos(), "'AS'",
              "CREATE TABLE ... AS SELECT takes its columns from the query; remove the column list");
        }
        duck = "CREATE " + (orReplace ? "OR REPLACE " : "") + "TABLE " + (ifNotExists ? "IF NOT EXISTS " : "")
            + name + " AS " + SqlTranslator.query(c.restText());
      } else if (columns != null) {
        duck = "CREATE " + (orReplace ? "OR REPLACE " : "") + "TABLE " + (ifNotExists ? "IF NOT EXISTS " : "")
            + name + " " + columns;
      } else if (location != null) {
        // a table over existing files: a view that reads them on each query, as Spark's external table does
        duck = "CREATE " + (orReplace ? "OR REPLACE " : "") + "VIEW " + (ifNotExists ? "IF NOT EXISTS " : "")
            + name + " AS SELECT * FROM " + DataFrameReader.readerCall(format == null ? "parquet" : format,
                List.of(location), java.util.Map.of(), null);
      } else {
        throw SqlLexer.syntax(c.sql, c.lastPos(), "end of input",
            "CREATE TABLE needs a column list, AS SELECT ..., or LOCATION with the data");
      }
      session.executeDdl("TABLE " + name.toLowerCase(Locale.ROOT), duck);
      return SessionCatalog.emptyResult(session);
    }
    throw c.unexpected("DATABASE, TABLE or VIEW after CREATE");
  }

  /** Spark column definitions: name type [NOT NULL] [COMMENT '...'] ...; types as DuckDB knows them. */
  private static String columnDefinitions(Node group, String sql) {
    List<String> defs = new ArrayList<>();
    for (List<Node> def : splitCommas(group.children())) {
      if (def.size() < 2) {
        Node at = def.isEmpty() ? group : def.get(0);
        throw SqlLexer.syntax(sql, at.pos(), "'" + at.text() + "'", "a column definition is `name type`");
      }
      List<Node> kept = new ArrayList<>();
      for (int i = 1; i < def.size(); i++) {
        if (def.get(i).isWord("COMMENT") && i + 1 < def.size()) {
          i++; // column comments are not kept
        } else {
          kept.add(def.get(i));
        }
      }
      defs.add(SqlTranslator.tableName(def.subList(0, 1), sql) + " " + SqlTranslator.translate(kept, sql));
    }
    return "(" + String.join(", ", defs) + ")";
  }

  static List<List<Node>> splitCommas(List<Node> nodes) {
    List<List<Node>> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= nodes.size(); i++) {
      if (i == nodes.size() || nodes.get(i).kind() == Kind.COMMA) {
        parts.add(nodes.subList(start, i));
        start = i + 1;
      }
    }
    return parts;
  }

  private static Dataset<Row> drop(SparkSession session, Cursor c) {
    c.optional("TEMPORARY", "TEMP");
    if (c.optional("DATABASE", "SCHEMA", "NAMESPACE")) {
      boolean ifExists = c.optionalSequence("IF", "EXISTS");
      String name = c.identifier("a database name");
      boolean cascade = c.optional("CASCADE");
      if (!cascade) {
        c.optional("RESTRICT");
      }
      c.expectEnd();
      String schema = name.equalsIgnoreCase("default") ? "main" : name;
      if (schema.equals("main")) {
        throw new AnalysisException("UNSUPPORTED_FEATURE.DROP_DATABASE",
            "Drop the default database `default` is not allowed.", null);
      }
      if (!ifExists && !SessionCatalog.schemaExists(session, schema)) {
        throw ErrorMapping.schemaNotFound(name, null);
      }
      session.executeDdl("SCHEMA " + schema.toLowerCase(Locale.ROOT), "DROP SCHEMA " + (ifExists ? "IF EXISTS " : "")
          + Column.quote(schema) + (cascade ? " CASCADE" : ""));
      if (session.engine().currentSchema().equalsIgnoreCase(schema)) {
        session.engine().setCurrentSchema("main");
      }
      return SessionCatalog.emptyResult(session);
    }
    boolean view = c.optional("VIEW");
    if (!view) {
      c.expect("TABLE");
    }
    boolean ifExists = c.optionalSequence("IF", "EXISTS");
    String name = SqlTranslator.tableName(c.nameNodes(), c.sql);
    c.optional("PURGE");
    c.expectEnd();
    // Spark's DROP TABLE also drops a view of that name (and DROP VIEW refuses a table)
    String kind = view ? "VIEW" : SessionCatalog.isView(session, name) ? "VIEW" : "TABLE";
    session.executeDdl(kind + " " + name.toLowerCase(Locale.ROOT),
        "DROP " + kind + " " + (ifExists ? "IF EXISTS " : "") + name);
    return SessionCatalog.emptyResult(session);
  }

  private static Dataset<Row> insert(SparkSession session, Cursor c) {
    boolean overwrite;
    if (c.optional("OVERWRITE")) {
      overwrite = true;
    } else {
      c.expect("INTO");
      overwrite = false;
    }
    c.optional("TABLE");
    String name = SqlTranslator.tableName(c.nameNodes(), c.sql);
    if (c.peekWord("PARTITION")) {
      throw c.unexpected("VALUES or a query (mockspark has no static partitions: drop the PARTITION clause)");
    }
    String columns = "";
    if (c.peekGroup() && !c.peekGroupIsQuery()) {
      columns = " (" + SqlTranslator.translate(c.nextNode().children(), c.sql) + ")";
    }
    if (c.atEnd()) {
      throw c.unexpected("VALUES or a query after INSERT INTO " + name);
    }
    String rest = SqlTranslator.query(c.restText());
    SessionCatalog.query(session, "SELECT * FROM " + name); // TABLE_OR_VIEW_NOT_FOUND when missing
    if (overwrite) {
      SessionCatalog.executeSql(session, "DELETE FROM " + name);
    }
    SessionCatalog.executeSql(session, "INSERT INTO " + name + columns + " " + rest);
    return SessionCatalog.emptyResult(session);
  }

  private static Dataset<Row> describe(SparkSession session, Cursor c) {
    if (c.optional("DATABASE", "SCHEMA", "NAMESPACE")) {
      c.optional("EXTENDED");
      String name = c.identifier("a database name");
      c.expectEnd();
      String schema = name.equalsIgnoreCase("default") ? "main" : name;
      if (!SessionCatalog.schemaExists(session, schema)) {
        throw ErrorMapping.schemaNotFound(name, null);
      }
      return SessionCatalog.rows(session, new StructType().add("info_name", DataTypes.StringType).add("info_value", DataTypes.StringType),
          List.of(RowFactory.create("Catalog Name", "spark_catalog"), RowFactory.create("Namespace Name", name)));
    }
    if (c.optional("QUERY")) {
      return describeColumns(session, SessionCatalog.query(session, SqlTranslator.query(c.restText())).schema());
    }
    c.optional("TABLE");
    c.optional("EXTENDED", "FORMATTED");
    if (c.atEnd()) {
      throw c.unexpected("a table name after DESCRIBE");
    }
    String table = SqlTranslator.tableName(c.remaining(), c.sql);
    return describeColumns(session, SessionCatalog.query(session, "SELECT * FROM " + table).schema());
  }

  private static Dataset<Row> describeColumns(SparkSession session, StructType schema) {
    List<Row> rows = new ArrayList<>();
    for (var f : schema.fields()) {
      rows.add(RowFactory.create(f.name(), f.dataType().simpleString(), null));
    }
    return SessionCatalog.rows(session, new StructType().add("col_name", DataTypes.StringType)
        .add("data_type", DataTypes.StringType).add("comment", DataTypes.StringType), rows);
  }

  private static Dataset<Row> show(SparkSession session, Cursor c) {
    if (c.optional("DATABASES", "SCHEMAS", "NAMESPACES")) {
      Pattern like = likePattern(c);
      List<Row> rows = new ArrayList<>();
      for (String db : SessionCatalog.databaseNames(session)) {
        if (like == null || like.matcher(db).matches()) {
          rows.add(RowFactory.create(db));
        }
      }
      return SessionCatalog.rows(session, new StructType().add("namespace", DataTypes.StringType), rows);
    }
    boolean views = c.optional("VIEWS");
    if (views || c.optional("TABLES")) {
      String db = null;
      if (c.optional("FROM", "IN")) {
        db = c.identifier("a database name");
      }
      Pattern like = likePattern(c);
      String schema = db == null ? session.engine().currentSchema()
          : db.equalsIgnoreCase("default") ? "main" : db;
      if (!SessionCatalog.schemaExists(session, schema)) {
        throw ErrorMapping.schemaNotFound(db, null);
      }
      List<Row> rows = new ArrayList<>();
      for (SessionCatalog.TableInfo t : SessionCatalog.tables(session, schema)) {
        if ((!views || t.isView()) && (like == null || like.matcher(t.name()).matches())) {
          rows.add(RowFactory.create(t.database() == null ? "" : t.database(), t.name(), t.temporary()));
        }
      }
      return SessionCatalog.rows(session, new StructType().add("namespace", DataTypes.StringType)
          .add(views ? "viewName" : "tableName", DataTypes.StringType)
          .add("isTemporary", DataTypes.BooleanType), rows);
    }
    if (c.optional("COLUMNS")) {
      if (!c.optional("FROM", "IN")) {
        throw c.unexpected("FROM or IN after SHOW COLUMNS");
      }
      List<Node> name = new ArrayList<>(c.nameNodes());
      if (c.optional("FROM", "IN")) {
        List<Node> db = c.nameNodes();
        List<Node> qualified = new ArrayList<>(db);
        qualified.add(SqlLexer.Node.token(Kind.DOT, ".", 0));
        qualified.addAll(name);
        name = qualified;
      }
      c.expectEnd();
      String table = SqlTranslator.tableName(name, c.sql);
      List<Row> rows = new ArrayList<>();
      for (String col : SessionCatalog.query(session, "SELECT * FROM " + table).columns()) {
        rows.add(RowFactory.create(col));
      }
      return SessionCatalog.rows(session, new StructType().add("col_name", DataTypes.StringType), rows);
    }
    if (c.optional("CURRENT")) {
      c.expect("NAMESPACE", "DATABASE", "SCHEMA");
      c.expectEnd();
      return SessionCatalog.rows(session, new StructType().add("catalog", DataTypes.StringType).add("namespace", DataTypes.StringType),
          List.of(RowFactory.create("spark_catalog", SessionCatalog.currentDatabase(session))));
    }
    throw c.unexpected("DATABASES, SCHEMAS, NAMESPACES, TABLES, VIEWS, COLUMNS or CURRENT NAMESPACE after SHOW");
  }

  /** Spark's SHOW ... [LIKE] 'pattern': '*' matches anything, '|' separates alternatives, case-insensitive. */
  private static Pattern likePattern(Cursor c) {
    c.optional("LIKE");
    if (c.atEnd()) {
      return null;
    }
    String p = c.string("a pattern such as 'sales*'");
    c.expectEnd();
    return SessionCatalogOps.pattern(p);
  }

  private static Dataset<Row> cache(SparkSession session, Cursor c) {
    c.optional("LAZY");
    c.expect("TABLE");
    List<Node> nameNodes = c.nameNodes();
    String name = SqlTranslator.tableName(nameNodes, c.sql);
    if (c.optional("OPTIONS")) {
      c.nextNode();
    }
    if (c.atEnd()) {
      SessionCatalog.query(session, "SELECT * FROM " + name); // TABLE_OR_VIEW_NOT_FOUND when missing
      session.cachedTables().add(name.toLowerCase(Locale.ROOT));
      return SessionCatalog.emptyResult(session);
    }
    c.optional("AS");
    // CACHE TABLE t AS SELECT ... creates a temporary view t, as in Spark
    String duck = "CREATE OR REPLACE VIEW " + name + " AS " + SqlTranslator.query(c.restText());
    session.executeDdl("VIEW " + name.toLowerCase(Locale.ROOT), duck);
    session.cachedTables().add(name.toLowerCase(Locale.ROOT));
    return SessionCatalog.emptyResult(session);
  }

  private static Dataset<Row> alter(SparkSession session, Cursor c) {
    boolean view = c.optional("VIEW");
    if (!view) {
      c.expect("TABLE");
    }
    String name = SqlTranslator.tableName(c.nameNodes(), c.sql);
    if (view && c.optional("AS")) {
      session.executeDdl("VIEW " + name.toLowerCase(Locale.ROOT),
          "CREATE OR REPLACE VIEW " + name + " AS " + SqlTranslator.query(c.restText()));
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("RENAME")) {
      if (c.optional("COLUMN")) {
        String from = c.identifier("a column name");
        c.expect("TO");
        String to = c.identifier("a column name");
        c.expectEnd();
        session.executeDdl("TABLE " + name.toLowerCase(Locale.ROOT),
            "ALTER TABLE " + name + " RENAME COLUMN " + Column.quote(from) + " TO " + Column.quote(to));
        return SessionCatalog.emptyResult(session);
      }
      c.expect("TO");
      List<Node> target = c.nameNodes();
      c.expectEnd();
      // DuckDB renames within the schema: the new name is the last part
      String to = target.get(target.size() - 1).text();
      session.executeDdl("TABLE " + name.toLowerCase(Locale.ROOT),
          "ALTER " + (view ? "VIEW " : "TABLE ") + name + " RENAME TO " + Column.quote(to));
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("ADD")) {
      c.expect("COLUMNS", "COLUMN");
      String defs = c.peekGroup() ? columnDefinitions(c.nextNode(), c.sql)
          : columnDefinitions(new Node(Kind.GROUP, "()", c.lastPos(), c.remaining()), c.sql);
      c.skipRest();
      for (String def : splitTopLevel(defs.substring(1, defs.length() - 1))) {
        session.executeDdl("TABLE " + name.toLowerCase(Locale.ROOT), "ALTER TABLE " + name + " ADD COLUMN " + def);
      }
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("DROP")) {
      c.expect("COLUMNS", "COLUMN");
      List<Node> cols = c.peekGroup() ? c.nextNode().children() : c.remaining();
      c.skipRest();
      for (List<Node> col : splitCommas(cols)) {
        session.executeDdl("TABLE " + name.toLowerCase(Locale.ROOT),
            "ALTER TABLE " + name + " DROP COLUMN " + SqlTranslator.tableName(col, c.sql));
      }
      return SessionCatalog.emptyResult(session);
    }
    if (c.optional("SET", "UNSET")) {
      c.skipRest(); // TBLPROPERTIES, SERDEPROPERTIES, LOCATION: nothing DuckDB keeps
      return SessionCatalog.emptyResult(session);
    }
    throw c.unexpected("RENAME, ADD COLUMNS, DROP COLUMNS, SET or AS after ALTER " + (view ? "VIEW" : "TABLE"));
  }

  private static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && ch == '(') {
        depth++;
      } else if (!quoted && ch == ')') {
        depth--;
      } else if (!quoted && depth == 0 && ch == ',') {
        out.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(s.substring(start).strip());
    return out;
  }

  private static Dataset<Row> set(SparkSession session, Cursor c) {
    StructType schema = new StructType().add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    String text = c.restText().strip();
    if (text.isEmpty()) {
      List<Row> rows = new ArrayList<>();
      SessionCatalog.confEntries(session).forEach((k, v) -> rows.add(RowFactory.create(k, v)));
      return SessionCatalog.rows(session, schema, rows);
    }
    int eq = text.indexOf('=');
    String key = (eq < 0 ? text : text.substring(0, eq)).strip();
    if (eq < 0) {
      return SessionCatalog.rows(session, schema, List.of(RowFactory.create(key, session.conf(key) == null ? "<undefined>"
          : session.conf(key))));
    }
    String value = text.substring(eq + 1).strip();
    SessionCatalog.setRuntimeConf(session, key, value);
    return SessionCatalog.rows(session, schema, List.of(RowFactory.create(key, value)));
  }

  /** A forward-only walk over a statement's top-level nodes, with errors that name the offending token. */
  static final class Cursor {
    private final List<Node> nodes;
    final String sql;
    private int i;

    Cursor(List<Node> nodes, String sql) {
      this.nodes = nodes;
      this.sql = sql;
    }

    Node nextNode() {
      if (i >= nodes.size()) {
        throw SqlLexer.syntax(sql, sql.length(), "end of input", "the statement ends too early");
      }
      return nodes.get(i++);
    }

    void next() {
      nextNode();
    }

    boolean atEnd() {
      return i >= nodes.size();
    }

    int lastPos() {
      return i == 0 ? 0 : nodes.get(Math.min(i, nodes.size()) - 1).pos();
    }

    boolean peekWord(String w) {
      return i < nodes.size() && nodes.get(i).isWord(w);
    }

    boolean peekGroup() {
      return i < nodes.size() && nodes.get(i).kind() == Kind.GROUP;
    }

    boolean peekGroupIsQuery() {
      List<Node> ch = nodes.get(i).children();
      return !ch.isEmpty() && (ch.get(0).isWord("SELECT") || ch.get(0).isWord("WITH") || ch.get(0).isWord("VALUES"));
    }

    boolean optional(String... words) {
      for (String w : words) {
        if (peekWord(w)) {
          i++;
          return true;
        }
      }
      return false;
    }

    boolean optionalSequence(String... words) {
      for (int k = 0; k < words.length; k++) {
        if (i + k >= nodes.size() || !nodes.get(i + k).isWord(words[k])) {
          return false;
        }
      }
      i += words.length;
      return true;
    }

    void expect(String... words) {
      if (!optional(words)) {
        throw unexpected(String.join(" or ", words));
      }
    }

    void expectEnd() {
      if (!atEnd()) {
        throw unexpected("the end of the statement");
      }
    }

    AnalysisException unexpected(String expected) {
      if (atEnd()) {
        return SqlLexer.syntax(sql, sql.length(), "end of input", "expected " + expected);
      }
      Node n = nodes.get(i);
      return SqlLexer.syntax(sql, n.pos(), "'" + (n.kind() == Kind.GROUP ? "(" : n.text()) + "'",
          "expected " + expected);
    }

    String identifier(String what) {
      if (i < nodes.size() && (nodes.get(i).kind() == Kind.WORD || nodes.get(i).kind() == Kind.QUOTED_IDENT)) {
        return nodes.get(i++).text();
      }
      throw unexpected(what);
    }

    String string(String what) {
      if (i < nodes.size() && nodes.get(i).kind() == Kind.STRING) {
        return nodes.get(i++).text();
      }
      throw unexpected(what);
    }

    /** name, or db.name: identifiers separated by dots. */
    List<Node> nameNodes() {
      int start = i;
      identifier("a table name");
      while (i + 1 < nodes.size() && nodes.get(i).kind() == Kind.DOT) {
        i++;
        identifier("a name after '.'");
      }
      return nodes.subList(start, i);
    }

    List<Node> remaining() {
      return nodes.subList(i, nodes.size());
    }

    /** The source text from the current node to the end (for a nested query handed to the translator). */
    String restText() {
      if (atEnd()) {
        return "";
      }
      String rest = sql.substring(nodes.get(i).pos());
      i = nodes.size();
      return rest.strip().replaceAll(";+$", "").strip();
    }

    void skipRest() {
      i = nodes.size();
    }

    /** Skips one Spark-only table clause (OPTIONS (...), PARTITIONED BY (...), COMMENT '...', TBLPROPERTIES (...)). */
    void skipClause() {
      Node n = nextNode();
      if (n.kind() != Kind.WORD) {
        i--;
        throw unexpected("a table clause (USING, OPTIONS, PARTITIONED BY, CLUSTERED BY, LOCATION, COMMENT, "
            + "TBLPROPERTIES) or AS");
      }
      switch (n.upper()) {
        case "OPTIONS", "TBLPROPERTIES" -> {
          if (!peekGroup()) {
            throw unexpected("(key = value, ...) after " + n.text());
          }
          i++;
        }
        case "PARTITIONED", "SORTED" -> {
          expect("BY");
          if (!peekGroup()) {
            throw unexpected("(column, ...)");
          }
          i++;
        }
        case "CLUSTERED" -> {
          expect("BY");
          i++;
          if (optional("SORTED")) {
            expect("BY");
            i++;
          }
          expect("INTO");
          i++;
          expect("BUCKETS");
        }
        case "COMMENT" -> string("a comment string");
        case "ROW" -> {
          expect("FORMAT");
          while (!atEnd() && !peekWord("STORED") && !peekWord("LOCATION") && !peekWord("AS")
              && !peekWord("TBLPROPERTIES")) {
            i++;
          }
        }
        default -> {
          i--;
          throw unexpected("a table clause (USING, OPTIONS, PARTITIONED BY, CLUSTERED BY, LOCATION, COMMENT, "
              + "TBLPROPERTIES) or AS");
        }
      }
    }

    /** Skips database clauses (COMMENT '...', LOCATION '...', WITH DBPROPERTIES (...)) to the end. */
    void skipClauses() {
      while (!atEnd()) {
        if (optional("COMMENT", "LOCATION")) {
          string("a string");
        } else if (optionalSequence("WITH", "DBPROPERTIES") || optionalSequence("WITH", "PROPERTIES")) {
          if (!peekGroup()) {
            throw unexpected("(key = value, ...)");
          }
          i++;
        } else {
          throw unexpected("COMMENT, LOCATION or WITH DBPROPERTIES");
        }
      }
    }

    void skipUntil(String word) {
      while (!atEnd() && !peekWord(word)) {
        if (optional("COMMENT")) {
          string("a comment string");
        } else if (optional("TBLPROPERTIES")) {
          i++;
        } else {
          throw unexpected(word);
        }
      }
    }
  }
}
