package dev.confine.mockspark.internal;

import dev.confine.mockspark.sql.catalog.Catalog;
import java.util.function.Function;

/**
 * Lets the session create a {@code Catalog} whose constructor is private (so the exported API has no
 * constructor taking implementation types): {@code Catalog}'s static initialiser registers its factory here.
 * Thread-safe: the factory is published through a volatile field, and class initialisation is itself safe.
 */
public final class CatalogAccess {
  private static volatile Function<CatalogOps, Catalog> factory;

  private CatalogAccess() {}

  public static void register(Function<CatalogOps, Catalog> f) {
    factory = f;
  }

  public static Catalog newCatalog(CatalogOps ops) {
    Function<CatalogOps, Catalog> f = factory;
    if (f == null) {
      try {
        Class.forName(Catalog.class.getName(), true, Catalog.class.getClassLoader()); // runs the registration
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Catalog class missing from the mockspark jar", e);
      }
      f = factory;
    }
    return f.apply(ops);
  }
}
