package dev.confine.benchmarks.jcstress.core;

import dev.confine.core.Deadline;
import dev.confine.core.NamedMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Two threads increment a plain field while holding the same {@link NamedMutex}. Without mutual
 * exclusion (or without the lock's happens-before edge) one increment can be lost and the arbiter
 * sees 1.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t NamedMutexExclusionTest -m default}
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both increments kept")
@Outcome(id = "1", expect = Expect.FORBIDDEN, desc = "an increment was lost: two holders overlapped")
@State
public class NamedMutexExclusionTest {
  private static final NamedMutex MUTEX = NamedMutex.of("jcstress.exclusion");
  private int x;

  @Actor
  public void actor1() {
    try (NamedMutex.Held h = MUTEX.lock(Deadline.none())) {
      x++;
    }
  }

  @Actor
  public void actor2() {
    try (NamedMutex.Held h = MUTEX.lock(Deadline.none())) {
      x++;
    }
  }

  @Arbiter
  public void arbiter(I_Result r) {
    r.r1 = x;
  }
}
