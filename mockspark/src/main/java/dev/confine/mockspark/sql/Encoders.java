package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructField;
import dev.confine.mockspark.sql.types.StructType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Encoders for Java beans and single values, as Spark's {@code Encoders}: a bean becomes one column per property
 * (ordered by name, as Spark orders them), a single value one column named {@code value}. Stateless; the
 * encoders are immutable and thread-safe.
 */
public final class Encoders {
  private Encoders() {}

  /** An encoder with its row conversions (package-private: users only see {@link Encoder}). */
  static final class Impl<T> implements Encoder<T> {
    private final StructType schema;
    private final Function<T, Row> toRow;
    private final Function<Row, T> fromRow;

    Impl(StructType schema, Function<T, Row> toRow, Function<Row, T> fromRow) {
      this.schema = schema;
      this.toRow = toRow;
      this.fromRow = fromRow;
    }

    @Override
    public StructType schema() { return schema; }

    Row toRow(T value) { return toRow.apply(value); }

    T fromRow(Row row) { return fromRow.apply(row); }
  }

  static <T> Impl<T> impl(Encoder<T> encoder) {
    Objects.requireNonNull(encoder, "encoder");
    if (encoder instanceof Impl<T> impl) {
      return impl;
    }
    throw new IllegalArgumentException("Only encoders from dev.confine.mockspark.sql.Encoders are supported, got "
        + encoder.getClass().getName());
  }

  private static <T> Encoder<T> single(DataType type, Class<T> cls) {
    return new Impl<>(new StructType().add("value", type, !cls.isPrimitive()), v -> RowFactory.create(v),
        r -> cls.cast(convert(r.get(0), cls)));
  }

  public static Encoder<String> STRING() { return single(DataTypes.StringType, String.class); }
  public static Encoder<Integer> INT() { return single(DataTypes.IntegerType, Integer.class); }
  public static Encoder<Long> LONG() { return single(DataTypes.LongType, Long.class); }
  public static Encoder<Double> DOUBLE() { return single(DataTypes.DoubleType, Double.class); }
  public static Encoder<Float> FLOAT() { return single(DataTypes.FloatType, Float.class); }
  public static Encoder<Short> SHORT() { return single(DataTypes.ShortType, Short.class); }
  public static Encoder<Byte> BYTE() { return single(DataTypes.ByteType, Byte.class); }
  public static Encoder<Boolean> BOOLEAN() { return single(DataTypes.BooleanType, Boolean.class); }
  public static Encoder<java.sql.Date> DATE() { return single(DataTypes.DateType, java.sql.Date.class); }
  public static Encoder<java.sql.Timestamp> TIMESTAMP() { return single(DataTypes.TimestampType, java.sql.Timestamp.class); }

  /**
   * A Java bean (public no-argument constructor, getters and setters): reading a frame {@code as} a bean fills
   * each property from the column of the same name (case-insensitive); a property without a column fails with
   * {@code UNRESOLVED_COLUMN} when the frame is converted.
   */
  public static <T> Encoder<T> bean(Class<T> beanClass) {
    Objects.requireNonNull(beanClass, "beanClass");
    Map<String, Method> getters = Beans.getters(beanClass);
    StructType schema = Beans.schema(beanClass, getters);
    Constructor<T> ctor;
    try {
      ctor = beanClass.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "Encoders.bean(%s): a bean needs a public no-argument constructor", beanClass.getName()), e);
    }
    List<Method> setters = new ArrayList<>();
    for (Map.Entry<String, Method> e : getters.entrySet()) {
      setters.add(setter(beanClass, e.getKey(), e.getValue().getReturnType()));
    }
    return new Impl<>(schema, bean -> RowFactory.create(Beans.values(bean, getters.values(), 0)), row -> {
      try {
        T bean = ctor.newInstance();
        StructField[] fields = schema.fields();
        for (int i = 0; i < fields.length; i++) {
          Method set = setters.get(i);
          if (set == null) {
            continue;
          }
          Object v = row.get(row.fieldIndex(fields[i].name()));
          Class<?> target = set.getParameterTypes()[0];
          if (v == null && target.isPrimitive()) {
            throw new NullPointerException(String.format(Locale.ROOT,
                "Null value for primitive property %s of %s: use the boxed type to accept nulls", fields[i].name(), beanClass.getName()));
          }
          set.invoke(bean, convert(v, target));
        }
        return bean;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(String.format(Locale.ROOT, "Cannot build a %s from %s: %s", beanClass.getName(), row, e), e);
      }
    });
  }

  private static Method setter(Class<?> beanClass, String property, Class<?> type) {
    String name = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
    try {
      Method m = beanClass.getMethod(name, type);
      return Modifier.isStatic(m.getModifiers()) ? null : m;
    } catch (NoSuchMethodException e) {
      return null; // a read-only property is written to rows but not read back, as Spark's bean encoder does
    }
  }

  /** A column value converted to the Java type a setter or single-value encoder wants. */
  static Object convert(Object v, Class<?> target) {
    if (v == null || target.isInstance(v)) {
      return v;
    }
    if (v instanceof Number n) {
      if (target == int.class || target == Integer.class) {
        return n.intValue();
      }
      if (target == long.class || target == Long.class) {
        return n.longValue();
      }
      if (target == double.class || target == Double.class) {
        return n.doubleValue();
      }
      if (target == float.class || target == Float.class) {
        return n.floatValue();
      }
      if (target == short.class || target == Short.class) {
        return n.shortValue();
      }
      if (target == byte.class || target == Byte.class) {
        return n.byteValue();
      }
      if (target == java.math.BigDecimal.class) {
        return new java.math.BigDecimal(n.toString());
      }
    }
    if (v instanceof Boolean && target == boolean.class) {
      return v;
    }
    if (v instanceof java.sql.Date d && target == java.time.LocalDate.class) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Timestamp t && target == java.time.LocalDateTime.class) {
      return t.toLocalDateTime();
    }
    if (v instanceof java.sql.Timestamp t && target == java.time.Instant.class) {
      return t.toInstant();
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "Cannot convert %s (%s) to %s", v, v.getClass().getName(), target.getName()));
  }
}
