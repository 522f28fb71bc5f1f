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
 * mockspark's DDL registry: two threads of one session run DDL on the same table, spelled differently
 * ({@code T} and {@code "t"}, one object to DuckDB), each as a plain read-modify-write of a field standing for the
 * catalog entry. The registry must give both spellings one lock, created and dropped around them: a lost update
 * means the DDL of one table ran twice at once (what surfaces in DuckDB as "Catalog write-write conflict on create").
 * The second result is the lock entries left afterwards: anything but 0 is a leak.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t DdlRegistryOncePerNameStress -m default}
 */
@JCStressTest
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "the two DDLs ran one after the other, no entry left")
@Outcome(id = "1, .*", expect = Expect.FORBIDDEN, desc = "both ran at once: two spellings of one name got two locks")
@Outcome(id = "2, [1-9]", expect = Expect.FORBIDDEN, desc = "a lock entry outlived its DDL")
@State
public class DdlRegistryOncePerNameStress {
  private final DdlRegistry registry = new DdlRegistry("jcstress");
  private int catalogVersion;

  @Actor
  public void createUnquoted() {
    registry.run("TABLE", "T", () -> catalogVersion++);
  }

  @Actor
  public void createQuoted() {
    registry.run("table", "\"t\"", () -> catalogVersion++);
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = catalogVersion;
    r.r2 = registry.activeNames();
  }
}
