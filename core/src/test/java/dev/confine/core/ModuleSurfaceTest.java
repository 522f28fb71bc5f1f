package dev.confine.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exported surface is exactly what we mean to publish; growing it takes a change here. */
class ModuleSurfaceTest {
  @Test
  void exportsExactlyTheApiPackage() throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("dev.confine.core", d.name());
      assertEquals(
          Set.of("dev.confine.core"),
          d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }
  }
}
