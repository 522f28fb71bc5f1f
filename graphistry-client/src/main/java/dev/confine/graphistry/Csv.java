package dev.confine.graphistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Minimal RFC 4180 field splitting and type inference for {@link Table#ofCsv}. Stateless. */
final class Csv {
  private Csv() {}

  static List<String> split(String line, Path path, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s line %d: unterminated quote (multi-line fields are not supported)", path, lineNo));
    }
    out.add(cur.toString());
    return out;
  }

  static Table.Kind widen(Table.Kind k, String v) {
    if (v.isEmpty()) {
      return k;
    }
    Table.Kind here = isLong(v) ? Table.Kind.LONG
        : isDouble(v) ? Table.Kind.DOUBLE
        : (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) ? Table.Kind.BOOLEAN
        : Table.Kind.STRING;
    if (k == null || k == here) {
      return here;
    }
    if ((k == Table.Kind.LONG && here == Table.Kind.DOUBLE) || (k == Table.Kind.DOUBLE && here == Table.Kind.LONG)) {
      return Table.Kind.DOUBLE;
    }
    return Table.Kind.STRING;
  }

  private static boolean isLong(String v) {
    try {
      Long.parseLong(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDouble(String v) {
    try {
      Double.parseDouble(v);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static Object parse(String v, Table.Column c, Path path, int lineNo) {
    if (v.isEmpty()) {
      return null;
    }
    try {
      switch (c.kind()) {
        case LONG:
          return Long.parseLong(v);
        case DOUBLE:
          return Double.parseDouble(v);
        case BOOLEAN:
          if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
          }
          throw new NumberFormatException(v);
        default:
          return v;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s line %d, column '%s': '%s' is not a %s (type inferred from the first %d rows);"
                  + " quote or fix the value",
              path, lineNo, c.name(), v, c.kind().name().toLowerCase(Locale.ROOT), Table.CsvTable.INFER_ROWS),
          e);
    }
  }
}
