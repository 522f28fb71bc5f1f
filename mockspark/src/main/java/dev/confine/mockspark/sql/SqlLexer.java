package dev.confine.mockspark.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Spark SQL text into tokens and groups parenthesised runs into nested lists, the shape the translator
 * walks. Stateless and thread-safe. Lexical errors (an unterminated string or identifier, a stray character)
 * become {@code PARSE_SYNTAX_ERROR} naming the position.
 */
final class SqlLexer {
  private SqlLexer() {}

  enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, OP, COMMA, DOT, SEMI, GROUP }

  /**
   * A token, or (kind GROUP) a parenthesised list of nodes. For STRING the text is the decoded value, for
   * QUOTED_IDENT the identifier without its quotes, for NUMBER the literal as written (suffix included).
   */
  record Node(Kind kind, String text, int pos, List<Node> children) {
    static Node token(Kind kind, String text, int pos) {
      return new Node(kind, text, pos, List.of());
    }

    boolean isWord(String w) {
      return kind == Kind.WORD && text.equalsIgnoreCase(w);
    }

    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }
  }

  /** The statement as a flat list of top-level nodes, parentheses grouped. */
  static List<Node> parse(String sql) {
    List<Node> flat = lex(sql);
    List<List<Node>> stack = new ArrayList<>();
    List<Integer> openedAt = new ArrayList<>();
    List<Node> current = new ArrayList<>();
    for (Node n : flat) {
      if (n.isOp("(")) {
        stack.add(current);
        openedAt.add(n.pos());
        current = new ArrayList<>();
      } else if (n.isOp(")")) {
        if (stack.isEmpty()) {
          throw syntax(sql, n.pos(), "')'", "a ')' without a matching '('");
        }
        Node group = new Node(Kind.GROUP, "()", openedAt.remove(openedAt.size() - 1), List.copyOf(current));
        current = stack.remove(stack.size() - 1);
        current.add(group);
      } else {
        current.add(n);
      }
    }
    if (!stack.isEmpty()) {
      throw syntax(sql, openedAt.get(openedAt.size() - 1), "end of input", "a '(' that is never closed");
    }
    return current;
  }

  static AnalysisException syntax(String sql, int pos, String near, String why) {
    return new AnalysisException("PARSE_SYNTAX_ERROR", String.format(Locale.ROOT,
        "Syntax error at or near %s: %s (position %d). SQLSTATE: 42601%n== SQL ==%n%s", near, why, pos, sql), null);
  }

  private static List<Node> lex(String s) {
    List<Node> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw syntax(s, i, "'/*'", "a comment that is never closed");
        }
        i = end + 2;
      } else if (c == '\'' || c == '"') {
        // Spark (default, non-ANSI identifiers) reads both quote styles as string literals, with backslash escapes
        StringBuilder v = new StringBuilder();
        int start = i++;
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '\\' && i + 1 < n) {
            v.append(unescape(s.charAt(i + 1)));
            i += 2;
          } else if (d == c) {
            if (i + 1 < n && s.charAt(i + 1) == c) { // SQL-style doubled quote
              v.append(c);
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            v.append(d);
            i++;
          }
        }
        if (!closed) {
          throw syntax(s, start, "'" + c + "'", "a string literal that is never closed");
        }
        out.add(Node.token(Kind.STRING, v.toString(), start));
      } else if (c == '`') {
        int start = i++;
        StringBuilder v = new StringBuilder();
        boolean closed = false;
        while (i < n) {
          char d = s.charAt(i);
          if (d == '`') {
            if (i + 1 < n && s.charAt(i + 1) == '`') {
              v.append('`');
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            v.append(d);
            i++;
          }
        }
        if (!closed) {
          throw syntax(s, start, "'`'", "a quoted identifier that is never closed");
        }
        out.add(Node.token(Kind.QUOTED_IDENT, v.toString(), start));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E') && i + 1 < n
            && (Character.isDigit(s.charAt(i + 1)) || ((s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+')
                && i + 2 < n && Character.isDigit(s.charAt(i + 2))))) {
          i += 2;
          while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
          }
        }
        // Spark's typed literal suffixes: 10L, 2S, 3Y, 1.5D, 1.5F, 2.5BD
        if (i + 1 < n && s.regionMatches(true, i, "BD", 0, 2) && !isWordChar(s, i + 2)) {
          i += 2;
        } else if (i < n && "LSYDFlsydf".indexOf(s.charAt(i)) >= 0 && !isWordChar(s, i + 1)) {
          i++;
        }
        if (isWordChar(s, i)) { // e.g. 1abc: an identifier starting with digits
          while (isWordChar(s, i)) {
            i++;
          }
          out.add(Node.token(Kind.WORD, s.substring(start, i), start));
        } else {
          out.add(Node.token(Kind.NUMBER, s.substring(start, i), start));
        }
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (isWordChar(s, i)) {
          i++;
        }
        out.add(Node.token(Kind.WORD, s.substring(start, i), start));
      } else if (c == ',') {
        out.add(Node.token(Kind.COMMA, ",", i++));
      } else if (c == '.') {
        out.add(Node.token(Kind.DOT, ".", i++));
      } else if (c == ';') {
        out.add(Node.token(Kind.SEMI, ";", i++));
      } else {
        String op = operatorAt(s, i);
        if (op == null) {
          throw syntax(s, i, "'" + c + "'", "a character that is not part of Spark SQL");
        }
        out.add(Node.token(Kind.OP, op, i));
        i += op.length();
      }
    }
    return out;
  }

  private static final String[] OPERATORS = {
    "<=>", "::", "<=", ">=", "<>", "!=", "==", "||", "->", "=>", "<<", ">>",
    "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", ":", "?"
  };

  private static String operatorAt(String s, int i) {
    for (String op : OPERATORS) {
      if (s.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  private static boolean isWordChar(String s, int i) {
    return i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_');
  }

  private static String unescape(char c) {
    return switch (c) {
      case 'n' -> "\n";
      case 't' -> "\t";
      case 'r' -> "\r";
      case '0' -> "\0";
      case 'b' -> "\b";
      case 'Z' -> "\u001A";
      case '%' -> "\\%"; // Spark keeps \% and \_ escaped for LIKE
      case '_' -> "\\_";
      default -> String.valueOf(c);
    };
  }
}
