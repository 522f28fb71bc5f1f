package dev.confine.isolation;

import dev.confine.isolation.contract.IsolationContract;

class SerializedContractTest extends IsolationContract {
  @Override
  protected Isolation strategy() {
    return Isolation.serialized();
  }

  @Override
  protected int owners() {
    return 1;
  }
}
