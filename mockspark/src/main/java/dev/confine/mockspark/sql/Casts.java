package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import dev.confine.mockspark.sql.types.DataTypes;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spark type names (as in {@code cast("int")}, {@code cast("decimal(10,2)")}) to types. Stateless. */
final class Casts {
  private Casts() {}

  private static final Pattern DECIMAL = Pattern.compile("(?:decimal|dec|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
  private static final Pattern ARRAY = Pattern.compile("array\\s*<(.+)>");

  static DataType sparkType(String sparkType) {
    String t = sparkType.trim().toLowerCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return DataTypes.createDecimalType(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }
    m = ARRAY.matcher(t);
    if (m.matches()) {
      return DataTypes.createArrayType(sparkType(m.group(1)));
    }
    switch (t) {
      case "int": case "integer": return DataTypes.IntegerType;
      case "long": case "bigint": return DataTypes.LongType;
      case "short": case "smallint": return DataTypes.ShortType;
      case "byte": case "tinyint": return DataTypes.ByteType;
      case "double": return DataTypes.DoubleType;
      case "float": case "real": return DataTypes.FloatType;
      case "string": case "varchar": return DataTypes.StringType;
      case "boolean": case "bool": return DataTypes.BooleanType;
      case "date": return DataTypes.DateType;
      case "timestamp": return DataTypes.TimestampType;
      case "binary": return DataTypes.BinaryType;
      case "decimal": case "dec": case "numeric": return DataTypes.createDecimalType();
      default: throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Unsupported cast target type '%s': use int, bigint, smallint, tinyint, double, float, string, boolean, date, "
              + "timestamp, binary, decimal(p,s) or array<type>", sparkType));
    }
  }

  /** Kept for callers of the old name: the DuckDB type for a Spark type name. */
  static String sparkToDuck(String sparkType) {
    return sparkType(sparkType).sqlType();
  }
}
