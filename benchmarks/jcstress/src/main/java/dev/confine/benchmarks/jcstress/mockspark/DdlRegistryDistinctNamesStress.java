package dev.confine.benchmarks.jcstress.mockspark;

import dev.confine.mockspark.internal.DdlRegistry;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The control for {@link DdlRegistryOncePerNameStress}: the same workload on two different names, which get two
 * locks and so may overlap. Seeing the lost update here (interesting, not forbidden) shows the workload does
 * detect two DDLs running at once, so the other test's passes mean the shared lock is what prevents it.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t DdlRegistryDistinctNamesStress -m default}
 */
@JCStressTest
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "the two DDLs happened not to overlap")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE_INTERESTING, desc = "they overlapped: different names do not exclude each other")
@Outcome(id = ".*, [1-9]", expect = Expect.FORBIDDEN, desc = "a lock entry outlived its DDL")
@State
public class DdlRegistryDistinctNamesStress {
  private final DdlRegistry registry = new DdlRegistry("jcstress");
  private int catalogVersion;

  @Actor
  public void createOne() {
    registry.run("TABLE", "t1", () -> catalogVersion++);
  }

  @Actor
  public void createOther() {
    registry.run("TABLE", "t2", () -> catalogVersion++);
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = catalogVersion;
    r.r2 = registry.activeNames();
  }
}
