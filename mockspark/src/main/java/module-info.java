/** Confine mockspark. */
module dev.confine.mockspark {
  requires transitive dev.confine.isolation;
}
