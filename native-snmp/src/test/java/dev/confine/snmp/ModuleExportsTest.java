package dev.confine.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleExportsTest {
  @Test
  void module_exportsOnlyTheApiPackage_andProvidesTheBackend() throws Exception {
    ModuleDescriptor d;
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = ModuleDescriptor.read(in);
    }
    assertEquals("dev.confine.snmp", d.name());
    Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("dev.confine.snmp"), exports);
    assertEquals(
        Set.of("dev.confine.snmp.internal.NetSnmpBackend"),
        d.provides().stream().filter(p -> p.service().equals("dev.confine.core.Backend")).flatMap(p -> p.providers().stream()).collect(Collectors.toSet()));
  }
}
