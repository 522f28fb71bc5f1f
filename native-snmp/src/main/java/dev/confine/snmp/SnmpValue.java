package dev.confine.snmp;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed SNMP value. Every implementation is an immutable record, so values are thread-safe.
 * The three exception outcomes of SNMPv2 ({@link NoSuchObject}, {@link NoSuchInstance}, {@link
 * EndOfMibView}) are values of their own, never strings to parse.
 */
public sealed interface SnmpValue {

  /** True for noSuchObject, noSuchInstance and endOfMibView. */
  default boolean isException() {
    return false;
  }

  /** INTEGER / Integer32. */
  record Integer32(int value) implements SnmpValue {}

  /** Counter32: an unsigned 32-bit counter (0..4294967295). */
  record Counter32(long value) implements SnmpValue {
    public Counter32 {
      unsigned32(value, "Counter32");
    }
  }

  /** Gauge32 / Unsigned32 (0..4294967295). */
  record Gauge32(long value) implements SnmpValue {
    public Gauge32 {
      unsigned32(value, "Gauge32");
    }
  }

  /** TimeTicks: hundredths of a second (0..4294967295). */
  record TimeTicks(long value) implements SnmpValue {
    public TimeTicks {
      unsigned32(value, "TimeTicks");
    }
  }

  /**
   * Counter64: an unsigned 64-bit counter. {@code value} holds the 64 bits as Java's signed long
   * (so counters above 2^63 look negative there); use {@link #unsignedValue()} or {@link
   * Long#toUnsignedString(long)} for the number itself, and {@link Long#compareUnsigned} to compare.
   */
  record Counter64(long value) implements SnmpValue {
    /** The counter as the non-negative number it is (0 .. 2^64-1). */
    public java.math.BigInteger unsignedValue() {
      return new java.math.BigInteger(Long.toUnsignedString(value));
    }

    @Override
    public String toString() {
      return "Counter64[" + Long.toUnsignedString(value) + "]";
    }
  }

  /** OCTET STRING, with hex and text views. */
  record OctetString(byte[] bytes) implements SnmpValue {
    public OctetString {
      bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** From UTF-8 text. */
    public static OctetString of(String text) {
      return new OctetString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /** Lower-case hex, two digits a byte, separated by ':' (e.g. {@code 0a:ff}). */
    public String hex() {
      return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /** The bytes as UTF-8 text; malformed sequences become U+FFFD. */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether the bytes are valid UTF-8 with no control characters but tab, CR and LF. */
    public boolean isPrintable() {
      try {
        String s = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return s.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\r' && c != '\n');
      } catch (CharacterCodingException e) {
        return false;
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OctetString other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return isPrintable() ? "OctetString[\"" + text() + "\"]" : "OctetString[" + hex() + "]";
    }
  }

  /** IpAddress: exactly four bytes. */
  record IpAddress(byte[] address) implements SnmpValue {
    public IpAddress {
      Objects.requireNonNull(address, "address");
      if (address.length != 4) {
        throw new IllegalArgumentException("IpAddress needs 4 bytes, got " + address.length);
      }
      address = address.clone();
    }

    /** From dotted-quad text such as {@code 10.0.0.1}. */
    public static IpAddress parse(String dotted) {
      String[] p = dotted.split("\\.", -1);
      byte[] b = new byte[4];
      if (p.length != 4) {
        throw new IllegalArgumentException("malformed IP address '" + dotted + "': expected a.b.c.d");
      }
      for (int i = 0; i < 4; i++) {
        int v;
        try {
          v = Integer.parseInt(p[i]);
        } catch (NumberFormatException e) {
          v = -1;
        }
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException("malformed IP address '" + dotted + "': expected four numbers 0..255");
        }
        b[i] = (byte) v;
      }
      return new IpAddress(b);
    }

    @Override
    public byte[] address() {
      return address.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IpAddress other && java.util.Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(address);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "IpAddress[%d.%d.%d.%d]", address[0] & 255, address[1] & 255, address[2] & 255, address[3] & 255);
    }
  }

  /** OBJECT IDENTIFIER. */
  record ObjectId(Oid oid) implements SnmpValue {
    public ObjectId {
      Objects.requireNonNull(oid, "oid");
    }
  }

  /** Opaque: uninterpreted BER bytes. */
  record Opaque(byte[] bytes) implements SnmpValue {
    public Opaque {
      bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Opaque other && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Opaque[" + HexFormat.ofDelimiter(":").formatHex(bytes) + "]";
    }
  }

  /** NULL (what a request carries; an agent rarely returns it). */
  record Null() implements SnmpValue {}

  /** noSuchObject: the agent has no such object type. */
  record NoSuchObject() implements SnmpValue {
    @Override
    public boolean isException() {
      return true;
    }
  }

  /** noSuchInstance: the object type exists but not this instance. */
  record NoSuchInstance() implements SnmpValue {
    @Override
    public boolean isException() {
      return true;
    }
  }

  /** endOfMibView: nothing follows this OID in the agent's view. */
  record EndOfMibView() implements SnmpValue {
    @Override
    public boolean isException() {
      return true;
    }
  }

  private static void unsigned32(long v, String type) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be 0..4294967295: %d", type, v));
    }
  }
}
