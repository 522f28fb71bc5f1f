package dev.confine.snmp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A numeric SNMP object identifier such as {@code 1.3.6.1.2.1.1.1.0}. Immutable and thread-safe.
 *
 * <p>Names such as {@code SNMPv2-MIB::sysDescr.0} are resolved by {@link SnmpClient#oid(String)},
 * which needs the MIB modules loaded; this type only parses numbers, in Java, so no malformed
 * input ever reaches the native library.
 */
public final class Oid implements Comparable<Oid> {
  /** Net-SNMP's MAX_OID_LEN. */
  static final int MAX_ARCS = 128;

  private static final long MAX_ARC = 0xFFFF_FFFFL;

  private final long[] arcs;

  private Oid(long[] arcs) {
    this.arcs = arcs;
  }

  /**
   * Parses a dotted numeric OID ({@code 1.3.6.1.2.1.1.1.0}, a leading dot allowed).
   *
   * @throws IllegalArgumentException naming the input if it is not 1 to 128 arcs of 0..4294967295
   */
  public static Oid parse(String dotted) {
    Objects.requireNonNull(dotted, "dotted");
    String s = dotted.startsWith(".") ? dotted.substring(1) : dotted;
    if (s.isEmpty()) {
      throw malformed(dotted, "it is empty");
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length > MAX_ARCS) {
      throw malformed(dotted, "it has " + parts.length + " arcs, at most " + MAX_ARCS + " are allowed");
    }
    long[] arcs = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 10 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw malformed(dotted, "arc " + (i + 1) + " '" + p + "' is not a number");
      }
      long v = Long.parseLong(p);
      if (v > MAX_ARC) {
        throw malformed(dotted, "arc " + (i + 1) + " is " + v + ", above 4294967295");
      }
      arcs[i] = v;
    }
    return new Oid(arcs);
  }

  /** Whether {@code text} looks numeric (digits and dots only), i.e. needs no MIB to resolve. */
  static boolean isNumeric(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  private static IllegalArgumentException malformed(String input, String why) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "malformed OID '%s': %s; expected dotted numbers such as 1.3.6.1.2.1.1.1.0",
            input,
            why));
  }

  /** An OID from its arcs (each 0..4294967295, 1 to 128 of them). */
  public static Oid of(long... arcs) {
    Objects.requireNonNull(arcs, "arcs");
    if (arcs.length == 0 || arcs.length > MAX_ARCS) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "an OID has 1 to %d arcs, got %d", MAX_ARCS, arcs.length));
    }
    for (long a : arcs) {
      if (a < 0 || a > MAX_ARC) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "OID arc %d is outside 0..4294967295", a));
      }
    }
    return new Oid(arcs.clone());
  }

  /** A copy of the arcs. */
  public long[] arcs() {
    return arcs.clone();
  }

  long[] arcsUnsafe() {
    return arcs;
  }

  /** Number of arcs. */
  public int size() {
    return arcs.length;
  }

  /** Whether this OID equals {@code prefix} or lies below it. */
  public boolean startsWith(Oid prefix) {
    if (prefix.arcs.length > arcs.length) {
      return false;
    }
    return Arrays.equals(arcs, 0, prefix.arcs.length, prefix.arcs, 0, prefix.arcs.length);
  }

  /** This OID with {@code more} arcs appended (e.g. an instance index). */
  public Oid append(long... more) {
    long[] a = Arrays.copyOf(arcs, arcs.length + more.length);
    System.arraycopy(more, 0, a, arcs.length, more.length);
    return of(a);
  }

  /** The arcs after {@code prefix} (for a table cell: its row index). */
  public long[] suffixAfter(Oid prefix) {
    if (!startsWith(prefix)) {
      throw new IllegalArgumentException(this + " is not below " + prefix);
    }
    return Arrays.copyOfRange(arcs, prefix.arcs.length, arcs.length);
  }

  /** Lexicographic order of the arcs, unsigned, as SNMP orders a MIB. */
  @Override
  public int compareTo(Oid o) {
    return Arrays.compare(arcs, o.arcs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Oid other && Arrays.equals(arcs, other.arcs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(arcs);
  }

  /** Dotted numeric form without a leading dot. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(arcs.length * 3);
    for (int i = 0; i < arcs.length; i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(arcs[i]);
    }
    return b.toString();
  }
}
