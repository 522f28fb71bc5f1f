package dev.confine.mockspark.sql;

import java.util.Locale;

/** Spark type names (as in {@code cast("int")}) to DuckDB's. */
final class Casts {
  private Casts() {}

  static String sparkToDuck(String sparkType) {
    switch (sparkType.trim().toLowerCase(Locale.ROOT)) {
      case "int": case "integer": return "INTEGER";
      case "long": case "bigint": return "BIGINT";
      case "short": case "smallint": return "SMALLINT";
      case "byte": case "tinyint": return "TINYINT";
      case "double": return "DOUBLE";
      case "float": case "real": return "FLOAT";
      case "string": return "VARCHAR";
      case "boolean": return "BOOLEAN";
      case "date": return "DATE";
      case "timestamp": return "TIMESTAMP";
      case "binary": return "BLOB";
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unsupported cast target type '%s': use int, bigint, double, float, string, boolean, date, timestamp", sparkType));
    }
  }
}
