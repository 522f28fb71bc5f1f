package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DuckDB JDBC values to the Java values Spark's {@code Row} holds: decimals stay {@code BigDecimal}, dates and
 * timestamps are {@code java.sql.Date}/{@code Timestamp} (Spark's default, non-java8 API), arrays are
 * {@code java.util.List}, structs are {@code Row}. Stateless.
 */
final class Values {
  private Values() {}

  static Object fromJdbc(Object v, DataType type) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal bd) {
      return type.simpleString().startsWith("decimal") ? bd : (Object) bd.doubleValue();
    }
    if (v instanceof BigInteger bi) {
      return bi.longValue();
    }
    if (v instanceof java.time.LocalDate d) {
      return java.sql.Date.valueOf(d);
    }
    if (v instanceof java.time.LocalDateTime t) {
      return java.sql.Timestamp.valueOf(t);
    }
    if (v instanceof java.time.OffsetDateTime t) {
      return java.sql.Timestamp.from(t.toInstant());
    }
    if (v instanceof java.sql.Array array) {
      String duck = type.sqlType();
      DataType element = duck.endsWith("[]") ? DataTypes.fromSqlType(duck.substring(0, duck.length() - 2)) : DataTypes.StringType;
      Object[] items = (Object[]) array.getArray();
      List<Object> out = new ArrayList<>(items.length);
      for (Object item : items) {
        out.add(fromJdbc(item, element));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof java.sql.Struct struct) {
      StructType schema = DataTypes.fromSqlStructType(type.sqlType());
      Object[] attrs = struct.getAttributes();
      StructField[] fields = schema.fields();
      Object[] out = new Object[attrs.length];
      for (int i = 0; i < attrs.length; i++) {
        out[i] = fromJdbc(attrs[i], i < fields.length ? fields[i].dataType() : DataTypes.StringType);
      }
      return new Row(out, schema);
    }
    return v;
  }
}
