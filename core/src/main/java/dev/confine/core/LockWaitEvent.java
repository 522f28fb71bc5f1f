package dev.confine.core;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a thread waited for a {@link NamedMutex}. Committed only when recording. */
@Name("dev.confine.LockWait")
@Label("Confine lock wait")
@Category("Confine")
@Description("A thread waited to acquire a Confine named mutex")
final class LockWaitEvent extends Event {
  @Label("Mutex")
  String mutex;

  @Label("Acquired")
  boolean acquired;
}
