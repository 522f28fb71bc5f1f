package dev.confine.snmp;

import dev.confine.snmp.internal.Wire;
import dev.confine.snmp.internal.Wire.VarBindData;
import java.util.Locale;

/** Conversions between the public typed values and the backend's plain records. */
final class Values {
  private Values() {}

  static VarBind fromWire(VarBindData d) {
    return new VarBind(Oid.of(d.oid()), value(d));
  }

  private static SnmpValue value(VarBindData d) {
    switch (d.type()) {
      case Wire.INTEGER:
        return new SnmpValue.Integer32((int) d.number());
      case Wire.COUNTER:
        return new SnmpValue.Counter32(d.number());
      case Wire.GAUGE:
        return new SnmpValue.Gauge32(d.number());
      case Wire.TIMETICKS:
        return new SnmpValue.TimeTicks(d.number());
      case Wire.COUNTER64:
        return new SnmpValue.Counter64(d.number());
      case Wire.OCTET_STR:
        return new SnmpValue.OctetString(d.bytes());
      case Wire.IPADDRESS:
        return d.bytes().length == 4 ? new SnmpValue.IpAddress(d.bytes()) : new SnmpValue.Opaque(d.bytes());
      case Wire.OBJECT_ID:
        return d.oidValue().length == 0 ? new SnmpValue.Null() : new SnmpValue.ObjectId(Oid.of(d.oidValue()));
      case Wire.NULL:
        return new SnmpValue.Null();
      case Wire.NO_SUCH_OBJECT:
        return new SnmpValue.NoSuchObject();
      case Wire.NO_SUCH_INSTANCE:
        return new SnmpValue.NoSuchInstance();
      case Wire.END_OF_MIB_VIEW:
        return new SnmpValue.EndOfMibView();
      default: // Opaque and the types Net-SNMP decodes from inside Opaque
        return new SnmpValue.Opaque(d.bytes() == null ? new byte[0] : d.bytes());
    }
  }

  static VarBindData toWire(VarBind vb, int maxBytes) {
    long[] oid = vb.oid().arcsUnsafe();
    SnmpValue v = vb.value();
    if (v instanceof SnmpValue.Integer32 i) {
      return new VarBindData(oid, Wire.INTEGER, i.value(), null, null);
    } else if (v instanceof SnmpValue.Counter32 c) {
      return new VarBindData(oid, Wire.COUNTER, c.value(), null, null);
    } else if (v instanceof SnmpValue.Gauge32 g) {
      return new VarBindData(oid, Wire.GAUGE, g.value(), null, null);
    } else if (v instanceof SnmpValue.TimeTicks t) {
      return new VarBindData(oid, Wire.TIMETICKS, t.value(), null, null);
    } else if (v instanceof SnmpValue.Counter64 c) {
      return new VarBindData(oid, Wire.COUNTER64, c.value(), null, null);
    } else if (v instanceof SnmpValue.OctetString s) {
      return new VarBindData(oid, Wire.OCTET_STR, 0, bounded(s.bytes(), maxBytes, vb), null);
    } else if (v instanceof SnmpValue.Opaque o) {
      return new VarBindData(oid, Wire.OPAQUE, 0, bounded(o.bytes(), maxBytes, vb), null);
    } else if (v instanceof SnmpValue.IpAddress a) {
      return new VarBindData(oid, Wire.IPADDRESS, 0, a.address(), null);
    } else if (v instanceof SnmpValue.ObjectId o) {
      return new VarBindData(oid, Wire.OBJECT_ID, 0, null, o.oid().arcsUnsafe());
    } else if (v instanceof SnmpValue.Null) {
      return new VarBindData(oid, Wire.NULL, 0, null, null);
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "cannot SET %s to %s: noSuchObject, noSuchInstance and endOfMibView are outcomes, not values", vb.oid(), v));
  }

  private static byte[] bounded(byte[] b, int max, VarBind vb) {
    if (b.length > max) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "value for %s is %d bytes; at most %d fit in an SNMP message", vb.oid(), b.length, max));
    }
    return b;
  }
}
