package dev.confine.mockspark.conformance.programs;

import dev.confine.mockspark.conformance.NeutralResult;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * Turns what a program produced on this engine into a {@link NeutralResult}, using only API names
 * that mockspark mirrors (schema, fields, collectAsList, Row.get/getList) and reflection for the
 * error class, so the same source compiles against both engines.
 */
final class Neutral {
  private Neutral() {}

  static NeutralResult of(Object produced) {
    if (produced instanceof Dataset<?> dataset) {
      return frame(dataset);
    }
    List<List<Object>> rows = new ArrayList<>();
    List<Object> row = new ArrayList<>();
    row.add(value(produced));
    rows.add(row);
    return new NeutralResult(List.of("value"), List.of("value"), rows, null, null, null);
  }

  private static NeutralResult frame(Dataset<?> dataset) {
    @SuppressWarnings("unchecked")
    Dataset<Row> frame = (Dataset<Row>) dataset;
    StructField[] fields = frame.schema().fields();
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (StructField field : fields) {
      columns.add(field.name());
      types.add(field.dataType().simpleString());
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : frame.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          values.add(null);
        } else if (types.get(i).startsWith("array<")) {
          values.add(value(row.getList(i)));
        } else {
          values.add(value(row.get(i)));
        }
      }
      rows.add(values);
    }
    return new NeutralResult(columns, types, rows, null, null, null);
  }

  static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float || v instanceof Double) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigDecimal decimal) {
      return "dec:" + (decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
    }
    if (v instanceof LocalDate date) {
      return "date:" + date;
    }
    if (v instanceof java.sql.Date date) {
      return "date:" + date.toLocalDate();
    }
    if (v instanceof Instant instant) {
      return "ts:" + instant;
    }
    if (v instanceof java.sql.Timestamp timestamp) {
      return "ts:" + timestamp.toInstant();
    }
    if (v instanceof LocalDateTime dateTime) {
      return "ts:" + dateTime.toInstant(ZoneOffset.UTC);
    }
    if (v instanceof Collection<?> collection) {
      List<Object> out = new ArrayList<>();
      for (Object element : collection) {
        out.add(value(element));
      }
      return out;
    }
    if (v instanceof Object[] array) {
      List<Object> out = new ArrayList<>();
      for (Object element : array) {
        out.add(value(element));
      }
      return out;
    }
    if (v instanceof Row row) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        out.add(value(row.get(i)));
      }
      return out;
    }
    return "other:" + v.getClass().getName() + ":" + v;
  }

  static NeutralResult error(Throwable failure) {
    return new NeutralResult(List.of(), List.of(), List.of(), errorClass(failure), failure.toString(), null);
  }

  /** Spark's condition (error class) if the exception has one, else the nearest JDK exception type. */
  static String errorClass(Throwable failure) {
    for (String accessor : new String[] {"getCondition", "getErrorClass"}) {
      try {
        Method method = failure.getClass().getMethod(accessor);
        Object condition = method.invoke(failure);
        if (condition instanceof String s && !s.isEmpty()) {
          return s;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // no such accessor on this engine's exception: try the next one, then the JDK type
      }
    }
    Class<?> type = failure.getClass();
    while (!type.getName().startsWith("java.")) {
      type = type.getSuperclass();
    }
    return "java:" + type.getSimpleName();
  }
}
