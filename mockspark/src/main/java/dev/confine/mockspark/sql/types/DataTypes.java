package dev.confine.mockspark.sql.types;

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

  /** Maps a DuckDB result type name to the Spark type; fails clearly on a type not covered. */
  public static DataType fromSqlType(String duckdbType) {
    String t = duckdbType.toUpperCase(Locale.ROOT);
    if (t.startsWith("DECIMAL")) {
      return DoubleType;
    }
    switch (t) {
      case "VARCHAR": return StringType;
      case "INTEGER": return IntegerType;
      case "BIGINT": case "HUGEINT": return LongType;
      case "SMALLINT": return ShortType;
      case "TINYINT": return ByteType;
      case "DOUBLE": return DoubleType;
      case "FLOAT": return FloatType;
      case "BOOLEAN": return BooleanType;
      case "DATE": return DateType;
      case "TIMESTAMP": return TimestampType;
      case "BLOB": return BinaryType;
      case "NULL": return NullType;
      default: return new DataType(t.toLowerCase(Locale.ROOT), t);
    }
  }
}
