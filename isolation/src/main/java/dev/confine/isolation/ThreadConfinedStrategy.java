package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.StateScope;
import java.util.Locale;

/** {@link Isolation#threadConfined(int)}: N dedicated owner threads. */
final class ThreadConfinedStrategy extends Isolation {
  private final int owners;

  ThreadConfinedStrategy(int owners) {
    this.owners = owners;
  }

  int owners() {
    return owners;
  }

  @Override
  public String name() {
    return "thread-confined(" + owners + ")";
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(false, owners > 1, true, false);
  }

  @Override
  <S> Isolated<S> open(Backend<S> backend, IsolatedOptions options) {
    if (backend.scope() == StateScope.PROCESS && owners > 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "backend '%s' keeps its state per process (StateScope.PROCESS), so %d owner threads"
                  + " would share one state: use Isolation.threadConfined(1), or child processes"
                  + " for parallelism",
              backend.id(),
              owners));
    }
    return ThreadConfinedIsolated.open(this, backend, options);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThreadConfinedStrategy t && t.owners == owners;
  }

  @Override
  public int hashCode() {
    return owners;
  }
}
