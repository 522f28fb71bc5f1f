package dev.confine.isolation;

import dev.confine.core.Backend;

/** {@link Isolation#childProcesses(int, ChildProcessOptions)}: a pool of worker JVMs. */
final class ChildProcessStrategy extends Isolation {
  private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true);

  private final int workers;
  private final ChildProcessOptions options;

  ChildProcessStrategy(int workers, ChildProcessOptions options) {
    this.workers = workers;
    this.options = options;
  }

  int workers() {
    return workers;
  }

  ChildProcessOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "child-processes(" + workers + ")";
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  <S> Isolated<S> open(Backend<S> backend, IsolatedOptions isolatedOptions) {
    return ChildProcessIsolated.open(this, backend, isolatedOptions);
  }
}
