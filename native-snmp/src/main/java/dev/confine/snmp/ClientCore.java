package dev.confine.snmp;

import dev.confine.isolation.Isolation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The client's engine room (skeleton; filled in by the next commits). */
final class ClientCore {
  static ClientCore open(Isolation strategy, List<Path> mibDirs, List<String> mibModules, Duration callTimeout) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  SnmpSession open(Target target) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  Oid resolve(String name) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  String mode() {
    return "in-module";
  }

  void close() {}
}
