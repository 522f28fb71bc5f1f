/**
 * Confine's shared vocabulary: the backend SPI ({@link dev.confine.core.Backend}), calls, handles,
 * the error hierarchy, and the lock, deadline and retry primitives every backend module uses.
 */
module dev.confine.core {
  requires transitive org.slf4j;
  requires transitive com.fasterxml.jackson.annotation;
  requires transitive com.fasterxml.jackson.databind;
  requires jdk.jfr;

  exports dev.confine.core;

  uses dev.confine.core.Backend;
}
