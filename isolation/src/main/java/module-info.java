/**
 * Isolation strategies that put any {@link dev.confine.core.Backend} behind one safe front:
 * {@link dev.confine.isolation.Isolated}, opened under an {@link dev.confine.isolation.Isolation}.
 */
module dev.confine.isolation {
  requires transitive dev.confine.core;
  requires jdk.jfr;
  // the child-process worker moves its protocol off fd 1 with libc dup/dup2
  requires com.sun.jna;

  exports dev.confine.isolation;
}
