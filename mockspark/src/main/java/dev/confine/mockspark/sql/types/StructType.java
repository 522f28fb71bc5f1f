package dev.confine.mockspark.sql.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A schema: an ordered list of fields. Immutable ({@code add} returns a new one); thread-safe. */
public final class StructType {
  private final StructField[] fields;

  public StructType() {
    this(new StructField[0]);
  }

  public StructType(StructField[] fields) {
    this.fields = fields.clone();
  }

  public StructType add(String name, DataType type) {
    return add(name, type, true);
  }

  public StructType add(String name, DataType type, boolean nullable) {
    return add(new StructField(name, type, nullable));
  }

  public StructType add(StructField field) {
    StructField[] next = Arrays.copyOf(fields, fields.length + 1);
    next[fields.length] = field;
    return new StructType(next);
  }

  public StructField[] fields() { return fields.clone(); }

  public String[] fieldNames() {
    return Arrays.stream(fields).map(StructField::name).toArray(String[]::new);
  }

  public int length() { return fields.length; }

  public int size() { return fields.length; }

  public StructField apply(int i) { return fields[i]; }

  public StructField apply(String name) { return fields[fieldIndex(name)]; }

  /** Index of a field (case-insensitive like Spark's default); IllegalArgumentException naming it if absent. */
  public int fieldIndex(String name) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "%s does not exist. Available: %s", name, String.join(", ", fieldNames())));
  }

  public String simpleString() {
    List<String> parts = new ArrayList<>();
    for (StructField f : fields) {
      parts.add(f.name() + ":" + f.dataType().simpleString());
    }
    return "struct<" + String.join(",", parts) + ">";
  }

  public String treeString() {
    StringBuilder sb = new StringBuilder("root\n");
    for (StructField f : fields) {
      sb.append(String.format(Locale.ROOT, " |-- %s: %s (nullable = %s)%n", f.name(), f.dataType().typeName(), f.nullable()));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType s && Arrays.equals(s.fields, fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }

  @Override
  public String toString() {
    return "StructType(" + String.join(",", Arrays.stream(fields).map(StructField::toString).toList()) + ")";
  }
}
