package dev.confine.isolation;

import dev.confine.isolation.contract.IsolationContract;
import org.junit.jupiter.api.BeforeAll;

/** The contract against two worker JVMs, each with its own copy of the PROCESS-scoped racy counter. */
class ChildProcessContractTest extends IsolationContract {
  static final int WORKERS = 2;
  private static Isolation strategy;

  @BeforeAll
  static void makeStrategy() {
    strategy = Isolation.childProcesses(WORKERS, ChildTesting.options().build());
  }

  @Override
  protected Isolation strategy() {
    return strategy;
  }

  @Override
  protected int owners() {
    return WORKERS;
  }
}
