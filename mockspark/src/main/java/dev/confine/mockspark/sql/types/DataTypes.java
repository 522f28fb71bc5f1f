package dev.confine.mockspark.sql.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Type constants and factories, as in Spark's {@code DataTypes}. Stateless; thread-safe. */
public final class DataTypes {
  private DataTypes() {}

  public static final DataType StringType = new DataType("string", "VARCHAR");
  public static final DataType IntegerType = new DataType("int", "INTEGER");
  public static final DataType LongType = new DataType("bigint", "BIGINT");
  public static final DataType ShortType = new DataType("smallint", "SMALLINT");
  public static final DataType ByteType = new DataType("tinyint", "TINYINT");
  public static final DataType DoubleType = new DataType("double", "DOUBLE");
  public static final DataType FloatType = new DataType("float", "FLOAT");
  public static final DataType BooleanType = new DataType("boolean", "BOOLEAN");
  public static final DataType DateType = new DataType("date", "DATE");
  public static final DataType TimestampType = new DataType("timestamp", "TIMESTAMP");
  public static final DataType BinaryType = new DataType("binary", "BLOB");
  public static final DataType NullType = new DataType("void", "INTEGER");

  public static StructField createStructField(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable);
  }

  public static StructType createStructType(List<StructField> fields) {
    return new StructType(fields.toArray(new StructField[0]));
  }

  public static StructType createStructType(StructField[] fields) {
    return new StructType(fields);
  }

  /** {@code decimal(precision,scale)}; precision 1..38 and 0 <= scale <= precision, as in Spark. */
  public static DataType createDecimalType(int precision, int scale) {
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "decimal(%d,%d) is not a valid decimal type: precision must be 1..38 and scale 0..precision", precision, scale));
    }
    return new DataType(String.format(Locale.ROOT, "decimal(%d,%d)", precision, scale),
        String.format(Locale.ROOT, "DECIMAL(%d,%d)", precision, scale));
  }

  /** Spark's default decimal, {@code decimal(10,0)}. */
  public static DataType createDecimalType() {
    return createDecimalType(10, 0);
  }

  /** {@code array<element>}. */
  public static DataType createArrayType(DataType elementType) {
    return new DataType("array<" + elementType.simpleString() + ">", elementType.sqlType() + "[]");
  }

  /** {@code array<element>}; Spark's containsNull flag is accepted and not tracked. */
  public static DataType createArrayType(DataType elementType, boolean containsNull) {
    return createArrayType(elementType);
  }

  /** A struct column's type, {@code struct<name:type,...>}. */
  public static DataType structOf(StructType struct) {
    List<String> duck = new ArrayList<>();
    for (StructField f : struct.fields()) {
      duck.add('"' + f.name().replace("\"", "\"\"") + "\" " + f.dataType().sqlType());
    }
    return new DataType(struct.simpleString(), "STRUCT(" + String.join(", ", duck) + ")");
  }

  /**
   * Maps a DuckDB result type name (as JDBC metadata spells it: {@code INTEGER}, {@code DECIMAL(10,2)},
   * {@code VARCHAR[]}, {@code STRUCT(id INTEGER, "name" VARCHAR)}) to the Spark type. A type Spark has no
   * name for keeps DuckDB's name in lower case.
   */
  public static DataType fromSqlType(String duckdbType) {
    String t = duckdbType.trim();
    String upper = t.toUpperCase(Locale.ROOT);
    if (upper.endsWith("[]")) {
      return createArrayType(fromSqlType(t.substring(0, t.length() - 2)));
    }
    if (upper.startsWith("DECIMAL(") || upper.startsWith("NUMERIC(")) {
      String[] ps = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')')).split(",");
      return createDecimalType(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
    }
    if (upper.startsWith("STRUCT(")) {
      return structOf(parseStruct(t.substring("STRUCT(".length(), t.lastIndexOf(')'))));
    }
    switch (upper) {
      case "VARCHAR": return StringType;
      case "INTEGER": case "INT": return IntegerType;
      case "BIGINT": case "HUGEINT": case "UINTEGER": return LongType;
      case "SMALLINT": case "UTINYINT": return ShortType;
      case "TINYINT": return ByteType;
      case "USMALLINT": return IntegerType;
      case "DOUBLE": return DoubleType;
      case "FLOAT": return FloatType;
      case "BOOLEAN": return BooleanType;
      case "DATE": return DateType;
      case "TIMESTAMP": case "TIMESTAMP WITH TIME ZONE": return TimestampType;
      case "BLOB": return BinaryType;
      case "NULL": case "\"NULL\"": return NullType;
      default: return new DataType(t.toLowerCase(Locale.ROOT), t);
    }
  }

  /**
   * The fields of a DuckDB struct type as JDBC metadata spells it ({@code STRUCT(id INTEGER, "name" VARCHAR)});
   * used to give struct values a schema.
   */
  public static StructType fromSqlStructType(String duckdbStructType) {
    String t = duckdbStructType.trim();
    if (!t.toUpperCase(Locale.ROOT).startsWith("STRUCT(") || !t.endsWith(")")) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "not a DuckDB struct type: %s", duckdbStructType));
    }
    return parseStruct(t.substring("STRUCT(".length(), t.length() - 1));
  }

  /** Parses DuckDB's {@code id INTEGER, "name" VARCHAR, s STRUCT(a INTEGER)} (names may be double-quoted). */
  private static StructType parseStruct(String body) {
    StructType out = new StructType();
    int i = 0;
    int n = body.length();
    while (i < n) {
      while (i < n && (body.charAt(i) == ' ' || body.charAt(i) == ',')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      String name;
      if (body.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < n) {
          char c = body.charAt(i);
          if (c == '"' && i + 1 < n && body.charAt(i + 1) == '"') {
            sb.append('"');
            i += 2;
          } else if (c == '"') {
            i++;
            break;
          } else {
            sb.append(c);
            i++;
          }
        }
        name = sb.toString();
      } else {
        int start = i;
        while (i < n && body.charAt(i) != ' ') {
          i++;
        }
        name = body.substring(start, i);
      }
      while (i < n && body.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      int depth = 0;
      while (i < n && !(depth == 0 && body.charAt(i) == ',')) {
        char c = body.charAt(i);
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        i++;
      }
      out = out.add(name, fromSqlType(body.substring(start, i)));
    }
    return out;
  }
}
