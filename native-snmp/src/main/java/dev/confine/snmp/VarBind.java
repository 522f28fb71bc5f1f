package dev.confine.snmp;

import java.util.Objects;

/**
 * One variable binding: an OID and its typed value. Immutable and thread-safe.
 *
 * @param oid the object instance
 * @param value its value, or a {@link SnmpValue.NoSuchObject} / {@link SnmpValue.NoSuchInstance} /
 *     {@link SnmpValue.EndOfMibView} outcome
 */
public record VarBind(Oid oid, SnmpValue value) {
  public VarBind {
    Objects.requireNonNull(oid, "oid");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return oid + " = " + value;
  }
}
