package dev.confine.mockspark.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts shell input into statements at each {@code ;} that is outside quotes ({@code '}, {@code "}, backticks)
 * and comments ({@code --} to end of line, {@code /* *}{@code /}), keeping unfinished text for the next line.
 * Not thread-safe: one per shell.
 */
final class StatementSplitter {
  private final StringBuilder pending = new StringBuilder();
  private char quote; // 0 when outside a quoted run
  private boolean lineComment;
  private boolean blockComment;

  /** Appends {@code text}; returns the statements it completed (non-blank, without the ';'). */
  List<String> feed(String text) {
    List<String> done = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (lineComment) {
        if (c == '\n') {
          lineComment = false;
          pending.append(c);
        }
        continue;
      }
      if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
        continue;
      }
      if (quote != 0) {
        pending.append(c);
        if (c == '\\' && quote != '`' && next != 0) {
          pending.append(next); // an escaped character never ends the string
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '-' && next == '-') {
        lineComment = true;
        i++;
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        pending.append(c);
      } else if (c == ';') {
        String statement = pending.toString().strip();
        pending.setLength(0);
        if (!statement.isEmpty()) {
          done.add(statement);
        }
      } else {
        pending.append(c);
      }
    }
    return done;
  }

  /** Text of the unfinished statement so far. */
  String rest() {
    return pending.toString();
  }
}
