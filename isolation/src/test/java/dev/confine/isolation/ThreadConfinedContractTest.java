package dev.confine.isolation;

import dev.confine.isolation.contract.IsolationContract;

/** One owner thread, serving the PROCESS-scoped racy backend. */
class ThreadConfinedContractTest extends IsolationContract {
  @Override
  protected Isolation strategy() {
    return Isolation.threadConfined(1);
  }

  @Override
  protected int owners() {
    return 1;
  }
}
