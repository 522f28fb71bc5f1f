package dev.confine.snmp.agent;

import java.io.ByteArrayOutputStream;

/**
 * Just enough BER to send one SNMPv2c GET and recognise its response, so that the agent launcher
 * can tell when snmpd answers without depending on the module's own client. Stateless; safe from
 * any thread.
 */
final class Ber {
  private Ber() {}

  static final int SEQUENCE = 0x30;
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OBJECT_ID = 0x06;
  static final int GET_REQUEST = 0xA0;
  static final int RESPONSE = 0xA2;

  /** A v2c GET of one OID, e.g. {@code getRequest("public", 7, new int[] {1,3,6,1,2,1,1,1,0})}. */
  static byte[] getRequest(String community, int requestId, int[] oid) {
    byte[] varbind = tlv(SEQUENCE, concat(tlv(OBJECT_ID, oidBody(oid)), tlv(NULL, new byte[0])));
    byte[] pdu =
        tlv(
            GET_REQUEST,
            concat(integer(requestId), integer(0), integer(0), tlv(SEQUENCE, varbind)));
    return tlv(
        SEQUENCE,
        concat(integer(1), tlv(OCTET_STRING, community.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), pdu));
  }

  /**
   * Whether {@code packet} is a well-formed v2c response message whose request id is {@code
   * requestId}: message SEQUENCE, version 1, a community, then a RESPONSE PDU whose first field
   * is the request id.
   */
  static boolean isResponseTo(byte[] packet, int length, int requestId) {
    try {
      int[] pos = {0};
      if (tag(packet, pos) != SEQUENCE) return false;
      int end = length(packet, pos) + pos[0];
      if (end > length) return false;
      if (tag(packet, pos) != INTEGER) return false;
      if (readInt(packet, pos) != 1) return false;
      if (tag(packet, pos) != OCTET_STRING) return false;
      int communityLength = length(packet, pos); // read first: it advances pos
      pos[0] += communityLength;
      if (tag(packet, pos) != RESPONSE) return false;
      length(packet, pos);
      if (tag(packet, pos) != INTEGER) return false;
      return readInt(packet, pos) == requestId;
    } catch (ArrayIndexOutOfBoundsException malformed) {
      return false;
    }
  }

  private static int tag(byte[] b, int[] pos) {
    return b[pos[0]++] & 0xFF;
  }

  private static int length(byte[] b, int[] pos) {
    int first = b[pos[0]++] & 0xFF;
    if (first < 0x80) return first;
    int n = first & 0x7F;
    if (n > 3) throw new ArrayIndexOutOfBoundsException("length of " + n + " bytes");
    int len = 0;
    for (int i = 0; i < n; i++) len = (len << 8) | (b[pos[0]++] & 0xFF);
    return len;
  }

  private static int readInt(byte[] b, int[] pos) {
    int len = length(b, pos);
    if (len < 1 || len > 4) throw new ArrayIndexOutOfBoundsException("integer of " + len + " bytes");
    int v = b[pos[0]]; // sign-extended first byte
    for (int i = 1; i < len; i++) v = (v << 8) | (b[pos[0] + i] & 0xFF);
    pos[0] += len;
    return v;
  }

  private static byte[] integer(int value) {
    // minimal two's-complement encoding
    int n = 4;
    while (n > 1) {
      int high = (value >> ((n - 1) * 8)) & 0xFF;
      int nextSign = (value >> ((n - 2) * 8)) & 0x80;
      if ((high == 0x00 && nextSign == 0) || (high == 0xFF && nextSign != 0)) {
        n--; // the high byte only repeats the sign
      } else {
        break;
      }
    }
    byte[] body = new byte[n];
    for (int i = 0; i < n; i++) body[i] = (byte) (value >> ((n - 1 - i) * 8));
    return tlv(INTEGER, body);
  }

  private static byte[] oidBody(int[] oid) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(oid[0] * 40 + oid[1]);
    for (int i = 2; i < oid.length; i++) {
      int v = oid[i];
      int shift = 28;
      while (shift > 0 && (v >>> shift) == 0) shift -= 7;
      for (; shift > 0; shift -= 7) out.write(0x80 | ((v >>> shift) & 0x7F));
      out.write(v & 0x7F);
    }
    return out.toByteArray();
  }

  private static byte[] tlv(int tag, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = body.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len & 0xFF);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
