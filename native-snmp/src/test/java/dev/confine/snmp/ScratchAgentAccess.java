package dev.confine.snmp;

/** Test-side access to the agent for tests in other packages. */
public final class ScratchAgentAccess {
  private ScratchAgentAccess() {}

  public static String host() {
    return ScratchAgent.HOST;
  }

  public static int port() {
    return ScratchAgent.PORT;
  }
}
