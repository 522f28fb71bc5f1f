package dev.confine.snmp;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Locale;

/**
 * Where the tests' snmpd listens, until the module's shared {@code SnmpdExtension} (engineer S2)
 * lands and replaces this class. Not a launcher: it only names the agent and fails clearly when
 * none answers. Port from {@code -Dconfine.snmp.test.port} (default 16161).
 *
 * <p>The agent the tests expect (start it by hand, from a scratch directory):
 *
 * <pre>
 * agentaddress udp:127.0.0.1:16161
 * rocommunity public 127.0.0.1
 * rwcommunity private 127.0.0.1
 * createUser noauthuser
 * createUser authuser SHA "authpass123"
 * createUser privuser SHA "authpass123" AES "privpass123"
 * createUser md5des MD5 "authpass123" DES "privpass123"
 * createUser sha256aes SHA-256 "authpass123" AES "privpass123"
 * createUser sha512aes256 SHA-512 "authpass123" AES-256 "privpass123"
 * createUser sha224 SHA-224 "authpass123"
 * createUser sha384 SHA-384 "authpass123"
 * rouser noauthuser noauth
 * rouser authuser auth
 * rwuser privuser priv
 * rwuser md5des priv
 * rwuser sha256aes priv
 * rwuser sha512aes256 priv
 * rouser sha224 auth
 * rouser sha384 auth
 * sysLocation confine-lab
 * pass .1.3.6.1.4.1.99999 /path/to/loop.sh   # prints .1.3.6.1.4.1.99999.1.1, integer, 42 for -g and -n
 *
 * SNMP_PERSISTENT_DIR=$PWD/persist MIBS= snmpd -f -Lf snmpd.log -C -c snmpd.conf -p snmpd.pid -r &amp;
 * </pre>
 */
final class ScratchAgent {
  private ScratchAgent() {}

  static final String HOST = "127.0.0.1";
  static final int PORT = Integer.getInteger("confine.snmp.test.port", 16161);

  static {
    if (!answers()) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "no snmpd answers on %s:%d: these tests need the agent described in ScratchAgent's javadoc "
                  + "(install it with ./confine setup or apt-get install snmpd, then start it as shown)",
              HOST,
              PORT));
    }
  }

  /** Sends one v2c GET sysLocation.0 with the raw bytes snmpget would send, and waits 2 s for any answer. */
  private static boolean answers() {
    byte[] get = {
      0x30, 0x29, 0x02, 0x01, 0x01, 0x04, 0x06, 'p', 'u', 'b', 'l', 'i', 'c', (byte) 0xA0, 0x1C, 0x02, 0x04, 0x12, 0x34, 0x56, 0x78,
      0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, 0x0E, 0x30, 0x0C, 0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x06, 0x00, 0x05, 0x00
    };
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      s.send(new DatagramPacket(get, get.length, InetAddress.getByName(HOST), PORT));
      s.receive(new DatagramPacket(new byte[1500], 1500));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
