package dev.confine.snmp.testagent;

import dev.confine.snmp.agent.PrivateSnmpd;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one private snmpd: {@code @ExtendWith(SnmpdExtension.class)} and declare a
 * {@link PrivateSnmpd} parameter on the constructor, a {@code @BeforeAll}/{@code @BeforeEach}
 * method or a test method. The agent starts at the first such parameter of the class, is shared
 * by all its tests, and is stopped when the class finishes (JUnit closes it with the class's
 * store). If snmpd is missing, resolution fails with the install command: never a silent skip.
 *
 * <p>Concurrency: JUnit's store creates the agent once per class even when tests of the class run
 * in parallel; the agent itself is safe to share.
 */
public final class SnmpdExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SnmpdExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PrivateSnmpd.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    try {
      return classContext
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent("agent", k -> new Agent(PrivateSnmpd.start()), Agent.class)
          .snmpd;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("cannot start the private snmpd: " + e.getMessage(), e);
    }
  }

  /** The nearest context that is a class's own (not a method's), so the agent lives per class. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** Closes the agent when JUnit closes the class's store. */
  private record Agent(PrivateSnmpd snmpd) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      snmpd.close();
    }
  }
}
