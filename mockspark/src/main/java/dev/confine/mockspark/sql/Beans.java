package dev.confine.mockspark.sql;

import dev.confine.mockspark.sql.types.DataType;
import dev.confine.mockspark.sql.types.DataTypes;
import dev.confine.mockspark.sql.types.StructType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Java beans to rows, as Spark's {@code createDataFrame(List, Class)}: one column per readable property
 * (public no-argument {@code getX}/{@code isX}), ordered by property name as Spark orders them; primitives are
 * not nullable. Stateless.
 */
final class Beans {
  private Beans() {}

  static Dataset<Row> frame(SparkSession session, List<?> beans, Class<?> beanClass) {
    Map<String, Method> getters = getters(beanClass);
    StructType schema = schema(beanClass, getters);
    List<Row> rows = new ArrayList<>(beans.size());
    for (int r = 0; r < beans.size(); r++) {
      Object bean = beans.get(r);
      if (bean == null || !beanClass.isInstance(bean)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "createDataFrame: element %d is %s, not a %s", r, bean == null ? "null" : bean.getClass().getName(), beanClass.getName()));
      }
      rows.add(RowFactory.create(values(bean, getters.values(), r)));
    }
    return session.createDataFrame(rows, schema);
  }

  static StructType schema(Class<?> beanClass, Map<String, Method> getters) {
    StructType schema = new StructType();
    for (Map.Entry<String, Method> e : getters.entrySet()) {
      Class<?> t = e.getValue().getReturnType();
      schema = schema.add(e.getKey(), typeOf(t, beanClass, e.getKey()), !t.isPrimitive());
    }
    return schema;
  }

  static Object[] values(Object bean, java.util.Collection<Method> getters, int index) {
    Object[] values = new Object[getters.size()];
    int i = 0;
    for (Method m : getters) {
      try {
        values[i++] = m.invoke(bean);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "cannot read property %s of element %d (%s): %s", m.getName(), index, bean.getClass().getName(), ex), ex);
      }
    }
    return values;
  }

  static Map<String, Method> getters(Class<?> beanClass) {
    Map<String, Method> byName = new TreeMap<>();
    for (Method m : beanClass.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
        continue;
      }
      String n = m.getName();
      String prop = null;
      if (n.startsWith("get") && n.length() > 3) {
        prop = n.substring(3);
      } else if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
        prop = n.substring(2);
      }
      if (prop != null) {
        // java.beans decapitalisation: "URL" stays "URL", "Name" becomes "name"
        String name = prop.length() > 1 && Character.isUpperCase(prop.charAt(1)) ? prop
            : Character.toLowerCase(prop.charAt(0)) + prop.substring(1);
        byName.put(name, m);
      }
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "createDataFrame: %s has no public getters; a bean needs public getX()/isX() methods", beanClass.getName()));
    }
    return byName;
  }

  private static DataType typeOf(Class<?> t, Class<?> bean, String prop) {
    if (t == int.class || t == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (t == long.class || t == Long.class) {
      return DataTypes.LongType;
    }
    if (t == double.class || t == Double.class) {
      return DataTypes.DoubleType;
    }
    if (t == float.class || t == Float.class) {
      return DataTypes.FloatType;
    }
    if (t == short.class || t == Short.class) {
      return DataTypes.ShortType;
    }
    if (t == byte.class || t == Byte.class) {
      return DataTypes.ByteType;
    }
    if (t == boolean.class || t == Boolean.class) {
      return DataTypes.BooleanType;
    }
    if (t == String.class) {
      return DataTypes.StringType;
    }
    if (t == java.math.BigDecimal.class) {
      return DataTypes.createDecimalType(38, 18);
    }
    if (t == java.sql.Date.class || t == java.time.LocalDate.class) {
      return DataTypes.DateType;
    }
    if (t == java.sql.Timestamp.class || t == java.time.Instant.class || t == java.time.LocalDateTime.class) {
      return DataTypes.TimestampType;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "createDataFrame: property %s of %s has type %s, which mockspark cannot map; use a primitive, its box, String, "
            + "BigDecimal, java.sql.Date/Timestamp, LocalDate, LocalDateTime or Instant", prop, bean.getName(), t.getName()));
  }
}
