package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.SqlLexer.Kind;
import dev.confine.mockspark.sql.SqlLexer.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Translates Spark SQL query and expression text into DuckDB SQL, token by token over the parenthesis tree from
 * {@link SqlLexer}: identifiers, literals, operators whose meaning differs ({@code <=>}, {@code DIV}, {@code RLIKE},
 * division by zero under ANSI), Spark functions whose DuckDB name, arguments or result type differ, and Spark's
 * null ordering in {@code ORDER BY}. Spark-only clauses DuckDB cannot run fail with {@code PARSE_SYNTAX_ERROR}
 * naming the token. Stateless and thread-safe.
 */
final class SqlTranslator {
  private SqlTranslator() {}

  /** Spark-only syntax this translator does not support; each fails naming the token rather than running wrongly. */
  private static final Set<String> UNSUPPORTED = Set.of(
      "LATERAL", "DISTRIBUTE", "CLUSTER", "TABLESAMPLE", "TRANSFORM", "PIVOT", "UNPIVOT");

  private static final Set<String> ORDER_ITEM_END = Set.of(
      "LIMIT", "OFFSET", "FETCH", "ROWS", "RANGE", "UNION", "INTERSECT", "EXCEPT", "MINUS", "WINDOW", "QUALIFY");

  /** A Spark SQL query (SELECT, WITH, VALUES, FROM ..., TABLE t) as DuckDB SQL. */
  static String query(String sparkSql) {
    List<Node> nodes = SqlLexer.parse(sparkSql);
    int end = nodes.size();
    while (end > 0 && nodes.get(end - 1).kind() == Kind.SEMI) {
      end--;
    }
    nodes = nodes.subList(0, end);
    if (!nodes.isEmpty() && nodes.get(0).isWord("TABLE")) { // Spark's "TABLE t" statement
      return "SELECT * FROM " + translate(nodes.subList(1, nodes.size()), sparkSql);
    }
    return translate(nodes, sparkSql);
  }

  /** A Spark SQL expression (selectExpr, expr, filter text) as DuckDB SQL. */
  static String expression(String sparkExpr) {
    List<Node> nodes = SqlLexer.parse(sparkExpr);
    if (nodes.isEmpty()) {
      throw SqlLexer.syntax(sparkExpr, 0, "end of input", "an empty expression");
    }
    for (Node n : nodes) {
      if (n.kind() == Kind.SEMI) {
        throw SqlLexer.syntax(sparkExpr, n.pos(), "';'", "an expression cannot contain ';'");
      }
    }
    return translate(nodes, sparkExpr);
  }

  /** A selectExpr item: an expression, named as Spark names it when it is an unaliased function call. */
  static String selectItem(String sparkExpr) {
    String translated = expression(sparkExpr);
    String name = sparkName(SqlLexer.parse(sparkExpr));
    return name == null ? translated : translated + " AS " + Column.quote(name);
  }

  private static final Set<String> SELECT_LIST_END = Set.of("FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
      "UNION", "INTERSECT", "EXCEPT", "MINUS", "WINDOW", "QUALIFY", "LATERAL", "SORT", "DISTRIBUTE", "CLUSTER", "INTO",
      "OFFSET");

  /**
   * Spark's generated name for an unaliased select item that is one plain function call over columns, literals
   * or such calls ({@code upper(name)}, {@code count(1)} for {@code count(*)}, {@code coalesce(dept, -)}); DuckDB
   * would say {@code upper("name")} or {@code count_star()}. Null for anything else (DuckDB's name is kept).
   */
  static String sparkName(List<Node> item) {
    if (item.size() != 2 || item.get(0).kind() != Kind.WORD || item.get(1).kind() != Kind.GROUP
        || isKeywordBeforeParen(item.get(0).upper()) || item.get(0).isWord("CAST") || item.get(0).isWord("TRY_CAST")) {
      return null;
    }
    String fn = item.get(0).text().toLowerCase(Locale.ROOT);
    List<String> args = new ArrayList<>();
    List<Node> children = item.get(1).children();
    if (fn.equals("count") && children.size() == 1 && children.get(0).isOp("*")) {
      return "count(1)";
    }
    int start = 0;
    for (int k = 0; k <= children.size(); k++) {
      if (k == children.size() || children.get(k).kind() == Kind.COMMA) {
        List<Node> arg = children.subList(start, k);
        String a = argName(arg);
        if (a == null) {
          return null;
        }
        if (!arg.isEmpty()) {
          args.add(a);
        }
        start = k + 1;
      }
    }
    return fn + "(" + String.join(", ", args) + ")";
  }

  private static String argName(List<Node> arg) {
    if (arg.isEmpty()) {
      return "";
    }
    if (arg.size() == 1) {
      Node n = arg.get(0);
      return switch (n.kind()) {
        case WORD -> n.upper().equals("NULL") || n.upper().equals("TRUE") || n.upper().equals("FALSE")
            ? n.upper() : n.text();
        case QUOTED_IDENT, STRING -> n.text();
        case NUMBER -> n.text().matches("[0-9.]+") ? n.text() : null;
        default -> null;
      };
    }
    return sparkName(arg);
  }

  /** SELECT [DISTINCT|ALL] items: each translated; unaliased single calls get Spark's name. */
  private static int emitSelectList(List<Node> nodes, int i, StringBuilder out, String sql) {
    space(out).append("SELECT ");
    int j = i;
    if (j < nodes.size() && (nodes.get(j).isWord("DISTINCT") || nodes.get(j).isWord("ALL"))) {
      out.append(nodes.get(j).upper()).append(' ');
      j++;
    }
    while (j < nodes.size()) {
      int start = j;
      j = listItemEnd(nodes, j, SELECT_LIST_END, sql, "SELECT");
      List<Node> item = nodes.subList(start, j);
      out.append(translate(item, sql));
      String name = sparkName(item);
      if (name != null) {
        out.append(" AS ").append(Column.quote(name));
      }
      if (j < nodes.size() && nodes.get(j).kind() == Kind.COMMA) {
        out.append(", ");
        j++;
      } else {
        break;
      }
    }
    return j;
  }

  /** A possibly qualified table name ({@code db.t}, {@code `db`.`t`}) as a quoted DuckDB name. */
  static String tableName(List<Node> nodes, String sql) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      boolean expectName = i % 2 == 0;
      if (expectName && (n.kind() == Kind.WORD || n.kind() == Kind.QUOTED_IDENT)) {
        boolean schemaPart = i + 1 < nodes.size();
        out.append(Column.quote(schemaPart && n.text().equalsIgnoreCase("default") ? "main" : n.text()));
      } else if (!expectName && n.kind() == Kind.DOT) {
        out.append('.');
      } else {
        throw SqlLexer.syntax(sql, n.pos(), "'" + n.text() + "'", "expected a table name such as db.table");
      }
    }
    if (nodes.isEmpty() || nodes.size() % 2 == 0) {
      throw SqlLexer.syntax(sql, nodes.isEmpty() ? sql.length() : nodes.get(nodes.size() - 1).pos(),
          "end of input", "expected a table name such as db.table");
    }
    return out.toString();
  }

  static String translate(List<Node> nodes, String sql) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < nodes.size()) {
      i = emit(nodes, i, out, sql);
    }
    return out.toString().strip();
  }

  /** Appends the translation of the unit starting at {@code i}; returns the index after it. */
  private static int emit(List<Node> nodes, int i, StringBuilder out, String sql) {
    Node n = nodes.get(i);
    Node next = i + 1 < nodes.size() ? nodes.get(i + 1) : null;
    switch (n.kind()) {
      case WORD -> {
        String up = n.upper();
        boolean qualified = i > 0 && nodes.get(i - 1).kind() == Kind.DOT;
        if (UNSUPPORTED.contains(up) || (up.equals("SORT") && next != null && next.isWord("BY"))) {
          throw SqlLexer.syntax(sql, n.pos(), "'" + n.text() + "'",
              "mockspark does not support this Spark SQL clause; rewrite the query without it");
        }
        if (next != null && next.kind() == Kind.GROUP && !qualified && !isKeywordBeforeParen(up)) {
          return emitCall(nodes, i, out, sql);
        }
        if (up.equals("SELECT")) {
          return emitSelectList(nodes, i + 1, out, sql);
        }
        if (up.equals("ORDER") && next != null && next.isWord("BY")) {
          return emitOrderBy(nodes, i + 2, out, sql);
        }
        if (up.equals("DIV")) {
          out.append(" //");
          return emitCheckedDivisor(nodes, i + 1, out, sql, true);
        }
        if ((up.equals("RLIKE") || up.equals("REGEXP")) && next != null) {
          out.append(" ~ ");
          return emitRegexOperand(nodes, i + 1, out, sql);
        }
        if (up.equals("NOT") && next != null && (next.isWord("RLIKE") || next.isWord("REGEXP"))) {
          out.append(" !~ ");
          return emitRegexOperand(nodes, i + 2, out, sql);
        }
        if (up.equals("DEFAULT") && next != null && next.kind() == Kind.DOT) {
          out.append(" main"); // Spark's default database is DuckDB's main schema
          return i + 1;
        }
        space(out).append(n.text());
        return i + 1;
      }
      case QUOTED_IDENT -> {
        space(out).append(Column.quote(n.text()));
        return i + 1;
      }
      case STRING -> {
        space(out).append(stringLiteral(n.text()));
        return i + 1;
      }
      case NUMBER -> {
        space(out).append(number(n.text()));
        return i + 1;
      }
      case DOT -> {
        trimTrailingSpace(out).append('.');
        return i + 1;
      }
      case COMMA -> {
        trimTrailingSpace(out).append(", ");
        return i + 1;
      }
      case SEMI -> throw SqlLexer.syntax(sql, n.pos(), "';'", "only one statement can be run at a time");
      case GROUP -> {
        boolean call = i > 0 && nodes.get(i - 1).kind() != Kind.OP && nodes.get(i - 1).kind() != Kind.COMMA;
        if (!call) {
          space(out);
        }
        out.append('(').append(translate(n.children(), sql)).append(')');
        return i + 1;
      }
      case OP -> {
        switch (n.text()) {
          case "<=>" -> out.append(" IS NOT DISTINCT FROM");
          case "==" -> out.append(" =");
          case "/", "%" -> {
            out.append(' ').append(n.text());
            return emitCheckedDivisor(nodes, i + 1, out, sql, false);
          }
          case "::" -> trimTrailingSpace(out).append("::");
          case "[", "]" -> trimTrailingSpace(out).append(n.text());
          default -> {
            if (out.length() > 0 && out.charAt(out.length() - 1) == ':') {
              out.append(n.text());
            } else {
              space(out).append(n.text());
            }
          }
        }
        return i + 1;
      }
      default -> throw new IllegalStateException("unknown token kind " + n.kind());
    }
  }

  private static boolean isKeywordBeforeParen(String up) {
    return switch (up) {
      case "IN", "EXISTS", "AS", "VALUES", "OVER", "FROM", "JOIN", "ON", "AND", "OR", "NOT", "WHERE", "SELECT",
          "BY", "USING", "WHEN", "THEN", "ELSE", "IS", "HAVING", "UNION", "ALL", "DISTINCT", "INTERSECT", "EXCEPT",
          "LIKE", "WITH", "FILTER", "WITHIN", "CASE", "END", "DECIMAL", "NUMERIC", "VARCHAR", "CHAR", "INTO", "TABLE",
          "LIMIT", "ANY", "SOME", "LATERAL" -> true;
      default -> false;
    };
  }

  private static StringBuilder space(StringBuilder out) {
    if (out.length() > 0) {
      char last = out.charAt(out.length() - 1);
      if (last != ' ' && last != '(' && last != '.' && last != ':' && last != '[') {
        out.append(' ');
      }
    }
    return out;
  }

  private static StringBuilder trimTrailingSpace(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
    return out;
  }

  static String stringLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String number(String text) {
    String up = text.toUpperCase(Locale.ROOT);
    if (up.endsWith("BD")) {
      return "CAST(" + text.substring(0, text.length() - 2) + " AS DECIMAL(38," + scale(text) + "))";
    }
    char last = up.charAt(up.length() - 1);
    String body = text.substring(0, text.length() - 1);
    return switch (last) {
      case 'L' -> "CAST(" + body + " AS BIGINT)";
      case 'S' -> "CAST(" + body + " AS SMALLINT)";
      case 'Y' -> "CAST(" + body + " AS TINYINT)";
      case 'D' -> "CAST(" + body + " AS DOUBLE)";
      case 'F' -> "CAST(" + body + " AS FLOAT)";
      default -> up.contains("E") ? "CAST(" + text + " AS DOUBLE)" : text; // Spark: 1e3 is a double
    };
  }

  private static int scale(String bd) {
    int dot = bd.indexOf('.');
    return dot < 0 ? 0 : bd.length() - 2 - dot - 1;
  }

  /** Where the operand starting at {@code i} ends: unary signs, then one primary, then {@code ::type} casts. */
  private static int operandEnd(List<Node> nodes, int i, String sql) {
    int j = i;
    while (j < nodes.size() && (nodes.get(j).isOp("-") || nodes.get(j).isOp("+"))) {
      j++;
    }
    if (j >= nodes.size()) {
      throw SqlLexer.syntax(sql, nodes.get(nodes.size() - 1).pos(), "end of input", "an operator needs a right operand");
    }
    Node p = nodes.get(j);
    if (p.isWord("CASE")) {
      int depth = 0;
      for (; j < nodes.size(); j++) {
        if (nodes.get(j).isWord("CASE")) {
          depth++;
        } else if (nodes.get(j).isWord("END") && --depth == 0) {
          break;
        }
      }
      j++;
    } else if ((p.isWord("DATE") || p.isWord("TIMESTAMP") || p.isWord("INTERVAL")) && j + 1 < nodes.size()
        && nodes.get(j + 1).kind() == Kind.STRING) {
      j += 2;
    } else if (p.kind() == Kind.WORD || p.kind() == Kind.QUOTED_IDENT) {
      j++;
      while (j + 1 < nodes.size() && nodes.get(j).kind() == Kind.DOT) {
        j += 2;
      }
      if (j < nodes.size() && nodes.get(j).kind() == Kind.GROUP) {
        j++;
        if (j + 1 < nodes.size() && nodes.get(j).isWord("OVER")) {
          j += 2;
        }
      }
    } else {
      j++;
    }
    while (j + 1 < nodes.size() && nodes.get(j).isOp("::")) {
      j += 2;
      if (j < nodes.size() && nodes.get(j).kind() == Kind.GROUP) {
        j++;
      }
    }
    return Math.min(j, nodes.size());
  }

  /**
   * Spark (ANSI mode, the default in Spark 4) fails a division or remainder by zero with DIVIDE_BY_ZERO; DuckDB
   * returns NULL or infinity. Only the right operand needs checking, so only its extent is parsed.
   */
  private static int emitCheckedDivisor(List<Node> nodes, int i, StringBuilder out, String sql, boolean integral) {
    int end = operandEnd(nodes, i, sql);
    String divisor = translate(nodes.subList(i, end), sql);
    if (integral) {
      divisor = "CAST(" + divisor + " AS BIGINT)"; // Spark's DIV is always bigint
    }
    Node only = end - i == 1 ? nodes.get(i) : null;
    if (only != null && only.kind() == Kind.NUMBER && !isZero(only.text())) {
      out.append(' ').append(divisor); // a non-zero literal needs no check
    } else {
      out.append(" (CASE WHEN (").append(divisor).append(") = 0 THEN error('[DIVIDE_BY_ZERO] Division by zero. "
          + "Use `try_divide` to tolerate divisor being 0 and return NULL instead.') ELSE (")
          .append(divisor).append(") END)");
    }
    return end;
  }

  private static boolean isZero(String number) {
    try {
      return new java.math.BigDecimal(number.replaceAll("(?i)(bd|[lsydf])$", "")).signum() == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Spark's RLIKE finds the pattern anywhere; DuckDB's {@code ~} must match the whole string. */
  private static int emitRegexOperand(List<Node> nodes, int i, StringBuilder out, String sql) {
    int end = operandEnd(nodes, i, sql);
    if (end - i == 1 && nodes.get(i).kind() == Kind.STRING) {
      out.append(stringLiteral("(?s).*(?:" + nodes.get(i).text() + ").*"));
    } else {
      out.append("('(?s).*(?:' || (").append(translate(nodes.subList(i, end), sql)).append(") || ').*')");
    }
    return end;
  }

  /**
   * Where the list item starting at {@code j} ends: the next comma, semicolon or one of {@code endWords}.
   *
   * @throws AnalysisException PARSE_SYNTAX_ERROR if the item is empty
   */
  private static int listItemEnd(List<Node> nodes, int j, Set<String> endWords, String sql, String clause) {
    int start = j;
    while (j < nodes.size() && nodes.get(j).kind() != Kind.COMMA && nodes.get(j).kind() != Kind.SEMI
        && !(nodes.get(j).kind() == Kind.WORD && endWords.contains(nodes.get(j).upper()))) {
      j++;
    }
    if (j == start) {
      Node at = j < nodes.size() ? nodes.get(j) : nodes.get(nodes.size() - 1);
      throw SqlLexer.syntax(sql, at.pos(), "'" + at.text() + "'", clause + " needs an expression here");
    }
    return j;
  }

  /** ORDER BY items get Spark's default null ordering (ASC: NULLS FIRST, DESC: NULLS LAST) unless they say one. */
  private static int emitOrderBy(List<Node> nodes, int i, StringBuilder out, String sql) {
    space(out).append("ORDER BY ");
    int j = i;
    while (j < nodes.size()) {
      int start = j;
      j = listItemEnd(nodes, j, ORDER_ITEM_END, sql, "ORDER BY");
      List<Node> item = nodes.subList(start, j);
      out.append(translate(item, sql));
      boolean hasNulls = item.size() >= 2 && item.get(item.size() - 2).isWord("NULLS");
      if (!hasNulls) {
        out.append(item.get(item.size() - 1).isWord("DESC") ? " NULLS LAST" : " NULLS FIRST");
      }
      if (j < nodes.size() && nodes.get(j).kind() == Kind.COMMA) {
        out.append(", ");
        j++;
      } else {
        break;
      }
    }
    return j;
  }

  /**
   * Spark's table-valued {@code range(end)}, {@code range(start, end[, step[, numPartitions]])} in a FROM or JOIN:
   * one BIGINT column {@code id}. DuckDB's {@code range} table function has the same bounds but names its column
   * {@code range}; the partition count does not change the rows, so it is dropped.
   */
  private static String rangeTable(List<String> args) {
    if (args.isEmpty() || args.size() > 4) {
      throw new AnalysisException("WRONG_NUM_ARGS", String.format(Locale.ROOT,
          "The `range` requires 1 to 4 parameters but %d were given: range(end) or range(start, end[, step[,"
              + " numPartitions]]).", args.size()), null);
    }
    return "(SELECT range AS id FROM range(" + String.join(", ", args.subList(0, Math.min(3, args.size()))) + "))";
  }

  /** Clause keywords that can come before a comma at one nesting level: the last of them says what the comma separates. */
  private static final Set<String> CLAUSES =
      Set.of("SELECT", "FROM", "JOIN", "ON", "USING", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "WINDOW", "VALUES", "SET", "QUALIFY");

  /**
   * Whether {@code nodes[i]} is where a relation goes: right after {@code FROM} or {@code JOIN}, or
   * after a comma of a {@code FROM} list ({@code FROM a, range(3)}; at one nesting level a comma
   * after {@code FROM}, a join's {@code ON} condition or its {@code USING} group can only separate
   * relations).
   */
  private static boolean isTablePosition(List<Node> nodes, int i) {
    if (i == 0) {
      return false;
    }
    Node before = nodes.get(i - 1);
    if (before.isWord("FROM") || before.isWord("JOIN")) {
      return true;
    }
    if (before.kind() != Kind.COMMA) {
      return false;
    }
    for (int k = i - 2; k >= 0; k--) {
      Node n = nodes.get(k);
      if (n.kind() == Kind.WORD && CLAUSES.contains(n.text().toUpperCase(Locale.ROOT))) {
        return n.isWord("FROM") || n.isWord("JOIN") || n.isWord("ON") || n.isWord("USING");
      }
    }
    return false;
  }

  /** A function call, with its OVER clause if any, so a wrapper (a cast, a coalesce) can enclose both. */
  private static int emitCall(List<Node> nodes, int i, StringBuilder out, String sql) {
    Node name = nodes.get(i);
    Node argGroup = nodes.get(i + 1);
    List<String> args = new ArrayList<>();
    boolean distinct = false;
    List<Node> children = argGroup.children();
    if (!children.isEmpty() && children.get(0).isWord("DISTINCT")) {
      distinct = true;
      children = children.subList(1, children.size());
    }
    int start = 0;
    for (int k = 0; k <= children.size(); k++) {
      if (k == children.size() || children.get(k).kind() == Kind.COMMA) {
        if (k > start) {
          args.add(translate(children.subList(start, k), sql));
        } else if (k < children.size() || !args.isEmpty()) {
          throw SqlLexer.syntax(sql, argGroup.pos(), "','", "an empty argument in " + name.text() + "(...)");
        }
        start = k + 1;
      }
    }
    int next = i + 2;
    String over = "";
    if (next + 1 < nodes.size() && nodes.get(next).isWord("OVER")) {
      Node spec = nodes.get(next + 1);
      over = " OVER " + (spec.kind() == Kind.GROUP ? "(" + translate(spec.children(), sql) + ")" : spec.text());
      next += 2;
    }
    String fn = name.text().toLowerCase(Locale.ROOT);
    if (fn.equals("range") && over.isEmpty() && isTablePosition(nodes, i)) {
      space(out).append(rangeTable(args));
      return next;
    }
    if ((fn.equals("cast") || fn.equals("try_cast")) && over.isEmpty()) {
      space(out).append(cast(fn, children, sql));
      return next;
    }
    BiFunction<List<String>, String, String> rule = FUNCTIONS.get(fn);
    String call;
    if (rule != null && !distinct) {
      call = rule.apply(args, over);
      if (call == null) {
        throw new AnalysisException("WRONG_NUM_ARGS", String.format(Locale.ROOT,
            "The `%s` requires a different number of parameters than %d; see Spark's documentation of %s.",
            fn, args.size(), fn), null);
      }
    } else {
      call = name.text() + "(" + (distinct ? "DISTINCT " : "") + String.join(", ", args) + ")" + over;
      if (distinct && (fn.equals("collect_set") || fn.equals("collect_list"))) {
        call = "list(DISTINCT " + String.join(", ", args) + ")" + over;
      }
    }
    space(out).append(call);
    return next;
  }

  private static final Set<String> INTEGRAL = Set.of(
      "INT", "INTEGER", "BIGINT", "LONG", "SMALLINT", "SHORT", "TINYINT", "BYTE");

  /**
   * CAST(x AS type). Spark truncates a fractional value cast to an integral type (3.7 -> 3); DuckDB rounds
   * (3.7 -> 4), so integral targets go through a truncated decimal first (strings and booleans convert too).
   */
  private static String cast(String fn, List<Node> children, String sql) {
    int as = -1;
    for (int k = children.size() - 1; k >= 0; k--) {
      if (children.get(k).isWord("AS")) {
        as = k;
        break;
      }
    }
    if (as <= 0 || as == children.size() - 1) {
      int pos = children.isEmpty() ? 0 : children.get(0).pos();
      throw SqlLexer.syntax(sql, pos, "'" + fn + "'", "CAST needs CAST(expression AS type)");
    }
    String value = translate(children.subList(0, as), sql);
    List<Node> typeNodes = children.subList(as + 1, children.size());
    String type = translate(typeNodes, sql);
    String up = type.toUpperCase(Locale.ROOT);
    String duckType = switch (up) {
      case "LONG" -> "BIGINT";
      case "SHORT" -> "SMALLINT";
      case "BYTE" -> "TINYINT";
      case "BINARY" -> "BLOB";
      case "STRING" -> "VARCHAR";
      default -> type;
    };
    if (typeNodes.size() == 1 && INTEGRAL.contains(up)) {
      return fn.toUpperCase(Locale.ROOT) + "(trunc(" + fn.toUpperCase(Locale.ROOT) + "(" + value
          + " AS DECIMAL(38, 10))) AS " + duckType + ")";
    }
    return fn.toUpperCase(Locale.ROOT) + "(" + value + " AS " + duckType + ")";
  }

  /** Whether {@code fn} (lower case) is a Spark function this translator rewrites. */
  static boolean translatesFunction(String fn) {
    return FUNCTIONS.containsKey(fn) || fn.equals("cast") || fn.equals("try_cast");
  }

  private static String intCast(String inner) {
    return "CAST(" + inner + " AS INTEGER)";
  }

  private static BiFunction<List<String>, String, String> n(int arity, BiFunction<List<String>, String, String> f) {
    return (a, over) -> a.size() == arity ? f.apply(a, over) : null;
  }

  /** Spark date pattern letters to strftime/strptime; only literal patterns can be converted. */
  static String dateFormat(String sparkPattern) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < sparkPattern.length()) {
      char c = sparkPattern.charAt(i);
      int run = 1;
      while (i + run < sparkPattern.length() && sparkPattern.charAt(i + run) == c) {
        run++;
      }
      String conv = switch (c) {
        case 'y' -> run == 2 ? "%y" : "%Y";
        case 'M' -> run >= 4 ? "%B" : run == 3 ? "%b" : "%m";
        case 'd' -> "%d";
        case 'H' -> "%H";
        case 'h' -> "%I";
        case 'm' -> "%M";
        case 's' -> "%S";
        case 'S' -> run == 3 ? "%g" : "%f";
        case 'a' -> "%p";
        case 'E' -> run >= 4 ? "%A" : "%a";
        case 'D' -> "%j";
        case '\'' -> null;
        default -> Character.isLetter(c) ? null : String.valueOf(c).repeat(run).replace("%", "%%");
      };
      if (conv == null) {
        if (c == '\'') {
          int end = sparkPattern.indexOf('\'', i + 1);
          if (end < 0) {
            throw new AnalysisException("INVALID_PARAMETER_VALUE.PATTERN", String.format(Locale.ROOT,
                "Unterminated quote in the datetime pattern '%s'.", sparkPattern), null);
          }
          out.append(sparkPattern, i + 1, end);
          i = end + 1;
          continue;
        }
        throw new AnalysisException("INVALID_PARAMETER_VALUE.PATTERN", String.format(Locale.ROOT,
            "The datetime pattern letter '%c' in '%s' is not supported by mockspark; use y, M, d, H, h, m, s, S, a, E, D.",
            c, sparkPattern), null);
      }
      out.append(conv);
      i += run;
    }
    return out.toString();
  }

  private static String formatArg(String literal, String fn) {
    if (!literal.startsWith("'") || !literal.endsWith("'")) {
      throw new AnalysisException("UNSUPPORTED_FEATURE", String.format(Locale.ROOT,
          "mockspark's %s needs the format as a string literal, got %s.", fn, literal), null);
    }
    return stringLiteral(dateFormat(literal.substring(1, literal.length() - 1).replace("''", "'")));
  }

  /** Spark's $1 group references become DuckDB's \1. */
  private static String replacement(String literal) {
    return literal.startsWith("'") ? literal.replaceAll("\\$(\\d)", "\\\\$1") : literal;
  }

  private static final Map<String, BiFunction<List<String>, String, String>> FUNCTIONS = Map.ofEntries(
      Map.entry("date_add", n(2, (a, o) -> "(CAST(" + a.get(0) + " AS DATE) + " + intCast(a.get(1)) + ")")),
      Map.entry("date_sub", n(2, (a, o) -> "(CAST(" + a.get(0) + " AS DATE) - " + intCast(a.get(1)) + ")")),
      Map.entry("datediff", n(2, (a, o) -> intCast(
          "date_diff('day', CAST(" + a.get(1) + " AS DATE), CAST(" + a.get(0) + " AS DATE))"))),
      Map.entry("to_date", (a, o) -> a.size() == 1 ? "CAST(" + a.get(0) + " AS DATE)"
          : a.size() == 2 ? "CAST(strptime(" + a.get(0) + ", " + formatArg(a.get(1), "to_date") + ") AS DATE)" : null),
      Map.entry("to_timestamp", (a, o) -> a.size() == 1 ? "CAST(" + a.get(0) + " AS TIMESTAMP)"
          : a.size() == 2 ? "strptime(" + a.get(0) + ", " + formatArg(a.get(1), "to_timestamp") + ")" : null),
      Map.entry("date_format", n(2, (a, o) ->
          "strftime(CAST(" + a.get(0) + " AS TIMESTAMP), " + formatArg(a.get(1), "date_format") + ")")),
      Map.entry("year", n(1, (a, o) -> intCast("year(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("month", n(1, (a, o) -> intCast("month(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("day", n(1, (a, o) -> intCast("day(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("dayofmonth", n(1, (a, o) -> intCast("day(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("dayofweek", n(1, (a, o) -> intCast("dayofweek(CAST(" + a.get(0) + " AS TIMESTAMP)) + 1"))),
      Map.entry("dayofyear", n(1, (a, o) -> intCast("dayofyear(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("quarter", n(1, (a, o) -> intCast("quarter(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("hour", n(1, (a, o) -> intCast("hour(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("minute", n(1, (a, o) -> intCast("minute(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("second", n(1, (a, o) -> intCast("second(CAST(" + a.get(0) + " AS TIMESTAMP))"))),
      Map.entry("length", n(1, (a, o) -> intCast("length(" + a.get(0) + ")"))),
      Map.entry("char_length", n(1, (a, o) -> intCast("length(" + a.get(0) + ")"))),
      Map.entry("character_length", n(1, (a, o) -> intCast("length(" + a.get(0) + ")"))),
      Map.entry("size", n(1, (a, o) -> intCast("len(" + a.get(0) + ")"))),
      Map.entry("cardinality", n(1, (a, o) -> intCast("len(" + a.get(0) + ")"))),
      Map.entry("nvl", n(2, (a, o) -> "coalesce(" + a.get(0) + ", " + a.get(1) + ")")),
      Map.entry("isnull", n(1, (a, o) -> "(" + a.get(0) + " IS NULL)")),
      Map.entry("isnotnull", n(1, (a, o) -> "(" + a.get(0) + " IS NOT NULL)")),
      // Spark's concat is null if any argument is, as DuckDB's || (its concat() skips nulls); with a bare NULL
      // argument DuckDB folds the result to an untyped NULL that JDBC reports as INTEGER, so it is cast to a string
      Map.entry("concat", (a, o) -> a.isEmpty() ? "''" : a.stream().anyMatch(x -> x.equalsIgnoreCase("NULL"))
          ? "CAST((" + String.join(" || ", a) + ") AS VARCHAR)" : "(" + String.join(" || ", a) + ")"),
      Map.entry("try_divide", n(2, (a, o) -> "(" + a.get(0) + " / NULLIF(" + a.get(1) + ", 0))")),
      Map.entry("rlike", n(2, (a, o) -> "regexp_matches(" + a.get(0) + ", " + a.get(1) + ")")),
      Map.entry("regexp_like", n(2, (a, o) -> "regexp_matches(" + a.get(0) + ", " + a.get(1) + ")")),
      Map.entry("regexp_replace", n(3, (a, o) ->
          "regexp_replace(" + a.get(0) + ", " + a.get(1) + ", " + replacement(a.get(2)) + ", 'g')")),
      Map.entry("split", (a, o) -> a.size() == 2 ? "str_split_regex(" + a.get(0) + ", " + a.get(1) + ")" : null),
      Map.entry("locate", n(2, (a, o) -> intCast("instr(" + a.get(1) + ", " + a.get(0) + ")"))),
      Map.entry("instr", n(2, (a, o) -> intCast("instr(" + a.get(0) + ", " + a.get(1) + ")"))),
      Map.entry("explode", n(1, (a, o) -> "unnest(" + a.get(0) + ")")),
      Map.entry("array", (a, o) -> "list_value(" + String.join(", ", a) + ")"),
      Map.entry("sort_array", (a, o) -> a.size() == 1 ? "list_sort(" + a.get(0) + ", 'ASC', 'NULLS FIRST')"
          : a.size() == 2 ? "(CASE WHEN " + a.get(1) + " THEN list_sort(" + a.get(0) + ", 'ASC', 'NULLS FIRST') "
              + "ELSE list_sort(" + a.get(0) + ", 'DESC', 'NULLS LAST') END)" : null),
      Map.entry("collect_list", n(1, (a, o) ->
          "coalesce(list(" + a.get(0) + ") FILTER (WHERE " + a.get(0) + " IS NOT NULL)" + o + ", [])")),
      Map.entry("collect_set", n(1, (a, o) ->
          "coalesce(list(DISTINCT " + a.get(0) + ") FILTER (WHERE " + a.get(0) + " IS NOT NULL)" + o + ", [])")),
      Map.entry("row_number", n(0, (a, o) -> intCast("row_number()" + o))),
      Map.entry("rank", n(0, (a, o) -> intCast("rank()" + o))),
      Map.entry("dense_rank", n(0, (a, o) -> intCast("dense_rank()" + o))),
      Map.entry("percentile_approx", (a, o) -> a.size() >= 2 ? "approx_quantile(" + a.get(0) + ", " + a.get(1) + ")" + o
          : null),
      Map.entry("ucase", n(1, (a, o) -> "upper(" + a.get(0) + ")")),
      Map.entry("lcase", n(1, (a, o) -> "lower(" + a.get(0) + ")")),
      Map.entry("current_timestamp", n(0, (a, o) -> "CAST(current_timestamp AS TIMESTAMP)")),
      Map.entry("now", n(0, (a, o) -> "CAST(current_timestamp AS TIMESTAMP)")),
      Map.entry("current_database", n(0, (a, o) -> "(CASE current_schema() WHEN 'main' THEN 'default' "
          + "ELSE current_schema() END)")));
}
