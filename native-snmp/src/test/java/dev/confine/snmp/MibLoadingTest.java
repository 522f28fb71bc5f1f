package dev.confine.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.isolation.Isolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** MIB modules load only from directories the user names, and names resolve through them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MibLoadingTest {
  // no IMPORTS: the library's built-in root 'iso' is enough, and no system MIB directory is searched
  private static final String MIB =
      """
      CONFINE-LOADER-MIB DEFINITIONS ::= BEGIN
      confineLoader OBJECT IDENTIFIER ::= { iso 3 6 1 4 1 99997 }
      confineLoaderValue OBJECT IDENTIFIER ::= { confineLoader 7 }
      END
      """;

  private static Path writeMib(Path dir) throws Exception {
    Files.writeString(dir.resolve("CONFINE-LOADER-MIB.txt"), MIB);
    return dir;
  }

  @Test
  void namesResolve_afterLoadingAModuleFromAUserDirectory(@TempDir Path dir) throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().mibDirectory(writeMib(dir)).mibModule("CONFINE-LOADER-MIB").open()) {
      assertEquals(Oid.parse("1.3.6.1.4.1.99997.7.0"), c.oid("CONFINE-LOADER-MIB::confineLoaderValue.0"));
      assertEquals(Oid.parse("1.3.6.1.4.1.99997.7"), c.oid("confineLoaderValue"));
      assertEquals(Oid.parse("1.3.6.1.2.1.1.1.0"), c.oid("1.3.6.1.2.1.1.1.0"));
      assertEquals("CONFINE-LOADER-MIB::confineLoaderValue.0", c.name(Oid.parse("1.3.6.1.4.1.99997.7.0")));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.oid("CONFINE-LOADER-MIB::noSuchThing.0"));
      assertTrue(e.getMessage().contains("noSuchThing"), e.getMessage());
    }
  }

  @Test
  void namesResolve_inAChildProcessWorker_too(@TempDir Path dir) throws Exception {
    try (SnmpClient c = SnmpClient.newBuilder().strategy(Isolation.childProcesses(1)).mibDirectory(writeMib(dir)).mibModule("CONFINE-LOADER-MIB").open()) {
      assertEquals(Oid.parse("1.3.6.1.4.1.99997.7.0"), c.oid("CONFINE-LOADER-MIB::confineLoaderValue.0"));
    }
  }

  @Test
  void unknownModule_isAClearError(@TempDir Path dir) throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnmpClient.newBuilder().mibDirectory(writeMib(dir)).mibModule("NO-SUCH-MIB").open());
    assertTrue(e.getMessage().contains("NO-SUCH-MIB"), e.getMessage());
  }

  @Test
  void missingDirectory_andMalformedModuleName_areClearErrors(@TempDir Path dir) {
    Path missing = dir.resolve("nope");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnmpClient.newBuilder().mibDirectory(missing).open());
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SnmpClient.newBuilder().mibModule("bad name;"));
  }

  @Test
  void withoutMibs_namesAreUnknown_numbersStillWork() {
    try (SnmpClient c = SnmpClient.newBuilder().open()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.oid("IF-MIB::ifDescr.1"));
      assertTrue(e.getMessage().contains("IF-MIB::ifDescr.1") && e.getMessage().contains("mibModule"), e.getMessage());
      assertEquals(Oid.parse("1.3.6"), c.oid(".1.3.6"));
    }
  }
}
