package dev.confine.isolation;

import dev.confine.isolation.contract.IsolationContract;

/** Three owner threads, serving the INSTANCE-scoped racy backend (one state per owner). */
class ThreadConfinedManyOwnersContractTest extends IsolationContract {
  @Override
  protected Isolation strategy() {
    return Isolation.threadConfined(3);
  }

  @Override
  protected int owners() {
    return 3;
  }

  @Override
  protected boolean processScopedAllowed() {
    return false;
  }
}
