/** Confine isolation. */
module dev.confine.isolation {
  requires transitive dev.confine.core;
}
