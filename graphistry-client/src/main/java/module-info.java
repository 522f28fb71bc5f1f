/**
 * Confine graphistry-client: a multi-tenant Graphistry client. Each {@link
 * dev.confine.graphistry.GraphistryClient} owns its credentials, token and organization; immutable
 * {@link dev.confine.graphistry.Plottable} chains find their client at plot time and upload Apache
 * Arrow IPC files.
 */
module dev.confine.graphistry {
  requires transitive dev.confine.core;
  requires transitive org.apache.arrow.vector;
  requires transitive org.apache.arrow.memory.core;
  requires transitive java.net.http;

  exports dev.confine.graphistry;
}
