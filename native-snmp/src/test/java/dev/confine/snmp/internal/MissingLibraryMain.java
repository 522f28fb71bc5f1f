package dev.confine.snmp.internal;

import dev.confine.snmp.SnmpClient;
import dev.confine.snmp.SnmpException;

/** Child-JVM probe for {@link MissingLibraryTest}: opens a client and prints the error it gets. */
public final class MissingLibraryMain {
  private MissingLibraryMain() {}

  public static void main(String[] args) {
    try (SnmpClient c = SnmpClient.newBuilder().open()) {
      System.out.println("OPENED");
    } catch (SnmpException e) {
      System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
