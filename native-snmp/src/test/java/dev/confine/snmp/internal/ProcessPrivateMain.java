package dev.confine.snmp.internal;

import dev.confine.snmp.AuthProtocol;
import dev.confine.snmp.Oid;
import dev.confine.snmp.PrivProtocol;
import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpSession;
import dev.confine.snmp.Target;
import dev.confine.snmp.UsmUser;

/** Child-JVM probe for {@link ProcessPrivateTest}: reports what library init changed. Args: host port. */
public final class ProcessPrivateMain {
  private ProcessPrivateMain() {}

  public static void main(String[] args) {
    CLib c = CLib.INSTANCE;
    c.setlocale(CLib.LC_CTYPE, "C"); // what the JVM leaves in place; init_snmp would switch it to ""
    String before = c.setlocale(CLib.LC_CTYPE, null);
    String mibsBefore = String.valueOf(c.getenv("MIBS"));
    try (SnmpClient client = SnmpClient.newBuilder().open()) {
      int port = Integer.parseInt(args[1]);
      try (SnmpSession v2 = client.open(Target.v2c(args[0], port, "public"));
          SnmpSession v3 = client.open(Target.v3(args[0], port, UsmUser.authPriv("privuser", AuthProtocol.SHA, "authpass123", PrivProtocol.AES, "privpass123")))) {
        v2.get(Oid.parse("1.3.6.1.2.1.1.6.0"));
        v3.get(Oid.parse("1.3.6.1.2.1.1.6.0"));
      }
    }
    System.out.println("LOCALE " + before + " " + c.setlocale(CLib.LC_CTYPE, null));
    System.out.println("MIBS " + mibsBefore + " " + c.getenv("MIBS"));
  }
}
