package dev.confine.mockspark.sql;

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
  void exportsOnlyTheApiPackages() throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals(Set.of("dev.confine.mockspark.sql", "dev.confine.mockspark.sql.types", "dev.confine.mockspark.sql.catalog",
          "dev.confine.mockspark.sql.expressions"),
          d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
      // the worker's records are opened to Jackson only, and the worker backend is a service, not API
      assertEquals(Set.of("dev.confine.mockspark.worker"),
          d.opens().stream().map(ModuleDescriptor.Opens::source).collect(Collectors.toSet()));
      assertEquals(Set.of("com.fasterxml.jackson.databind"),
          d.opens().stream().flatMap(o -> o.targets().stream()).collect(Collectors.toSet()));
      assertEquals(Set.of("dev.confine.mockspark.worker.DuckDbWorkerBackend"),
          d.provides().stream().flatMap(p -> p.providers().stream()).collect(Collectors.toSet()));
    }
  }
}
