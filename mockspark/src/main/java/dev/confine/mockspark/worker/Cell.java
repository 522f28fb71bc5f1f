package dev.confine.mockspark.worker;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One value of a result row on the wire, tagged with its Java type so the parent gets back exactly the object
 * the DuckDB driver returned in the worker (an {@code Integer} stays an {@code Integer}, a {@code BigDecimal} keeps
 * its scale), which the parent then converts to Spark's value types as the in-process engine does.
 *
 * @param t the type tag
 * @param v the value as text ({@code null} for SQL NULL and for lists and maps)
 * @param items the elements of a list, or key, value, key, value... of a map
 */
public record Cell(String t, String v, List<Cell> items) {
  private static final Cell NULL = new Cell("null", null, null);

  /** Encodes a value the DuckDB driver returned; unknown types travel as their text (tag {@code text}). */
  public static Cell encode(Object o) throws SQLException {
    if (o == null) {
      return NULL;
    } else if (o instanceof Boolean) {
      return new Cell("bool", o.toString(), null);
    } else if (o instanceof Byte) {
      return new Cell("byte", o.toString(), null);
    } else if (o instanceof Short) {
      return new Cell("short", o.toString(), null);
    } else if (o instanceof Integer) {
      return new Cell("int", o.toString(), null);
    } else if (o instanceof Long) {
      return new Cell("long", o.toString(), null);
    } else if (o instanceof BigInteger) {
      return new Cell("bigint", o.toString(), null);
    } else if (o instanceof Float f) {
      // exact bit pattern: NaN, infinities and -0.0 survive
      return new Cell("float", Integer.toString(Float.floatToRawIntBits(f)), null);
    } else if (o instanceof Double d) {
      return new Cell("double", Long.toString(Double.doubleToRawLongBits(d)), null);
    } else if (o instanceof BigDecimal bd) {
      return new Cell("decimal", bd.toString(), null);
    } else if (o instanceof String s) {
      return new Cell("string", s, null);
    } else if (o instanceof java.sql.Date d) {
      return new Cell("date", d.toLocalDate().toString(), null);
    } else if (o instanceof LocalDate d) {
      return new Cell("date", d.toString(), null);
    } else if (o instanceof java.sql.Timestamp ts) {
      return new Cell("timestamp", ts.toLocalDateTime().toString(), null);
    } else if (o instanceof LocalDateTime ts) {
      return new Cell("timestamp", ts.toString(), null);
    } else if (o instanceof OffsetDateTime ts) {
      return new Cell("timestamptz", ts.toString(), null);
    } else if (o instanceof LocalTime t) {
      return new Cell("time", t.toString(), null);
    } else if (o instanceof UUID u) {
      return new Cell("uuid", u.toString(), null);
    } else if (o instanceof byte[] b) {
      return new Cell("bytes", Base64.getEncoder().encodeToString(b), null);
    } else if (o instanceof java.sql.Blob b) {
      return new Cell("bytes", Base64.getEncoder().encodeToString(b.getBytes(1, (int) b.length())), null);
    } else if (o instanceof java.sql.Array a) {
      return new Cell("list", null, encodeAll(java.util.Arrays.asList((Object[]) a.getArray())));
    } else if (o instanceof java.sql.Struct s) {
      return new Cell("struct", s.getSQLTypeName(), encodeAll(java.util.Arrays.asList(s.getAttributes())));
    } else if (o instanceof List<?> l) {
      return new Cell("list", null, encodeAll(l));
    } else if (o instanceof Map<?, ?> m) {
      List<Cell> kv = new ArrayList<>(m.size() * 2);
      for (Map.Entry<?, ?> e : m.entrySet()) {
        kv.add(encode(e.getKey()));
        kv.add(encode(e.getValue()));
      }
      return new Cell("map", null, kv);
    }
    return new Cell("text", o.toString(), null);
  }

  private static List<Cell> encodeAll(List<?> values) throws SQLException {
    List<Cell> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add(encode(v));
    }
    return out;
  }

  /**
   * The value this cell was encoded from, as the driver would have returned it: lists as {@link java.sql.Array},
   * structs as {@link java.sql.Struct}, maps as {@link Map}; the parent converts them as it converts the driver's.
   */
  public Object decode() {
    switch (t) {
      case "null": return null;
      case "bool": return Boolean.valueOf(v);
      case "byte": return Byte.valueOf(v);
      case "short": return Short.valueOf(v);
      case "int": return Integer.valueOf(v);
      case "long": return Long.valueOf(v);
      case "bigint": return new BigInteger(v);
      case "float": return Float.intBitsToFloat(Integer.parseInt(v));
      case "double": return Double.longBitsToDouble(Long.parseLong(v));
      case "decimal": return new BigDecimal(v);
      case "string": case "text": return v;
      case "date": return LocalDate.parse(v);
      case "timestamp": return LocalDateTime.parse(v);
      case "timestamptz": return OffsetDateTime.parse(v);
      case "time": return LocalTime.parse(v);
      case "uuid": return UUID.fromString(v);
      case "bytes": return Base64.getDecoder().decode(v);
      case "list": {
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = items.get(i).decode();
        }
        return new DecodedArray(out);
      }
      case "struct": {
        Object[] out = new Object[items.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = items.get(i).decode();
        }
        return new DecodedStruct(v, out);
      }
      case "map": {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
          out.put(items.get(i).decode(), items.get(i + 1).decode());
        }
        return out;
      }
      default:
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "unknown cell type tag '%s': the worker and the parent run different mockspark versions", t));
    }
  }
}
