/** Confine graphistry-client. */
module dev.confine.graphistry {
  requires transitive dev.confine.core;
}
