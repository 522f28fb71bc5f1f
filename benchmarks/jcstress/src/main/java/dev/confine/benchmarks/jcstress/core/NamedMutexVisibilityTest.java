package dev.confine.benchmarks.jcstress.core;

import dev.confine.core.Deadline;
import dev.confine.core.NamedMutex;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A writer sets two plain fields under the mutex; a reader reads them in the opposite order under
 * the same mutex. The reader must see both writes or neither: a torn view (one without the other)
 * would mean writes made under the mutex are not visible, whole, to the next holder.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t NamedMutexVisibilityTest -m default}
 */
@JCStressTest
@Outcome(id = {"0, 0", "1, 1"}, expect = Expect.ACCEPTABLE, desc = "reader ran before or after the writer")
@Outcome(id = {"0, 1", "1, 0"}, expect = Expect.FORBIDDEN, desc = "torn: saw one write without the other")
@State
public class NamedMutexVisibilityTest {
  private static final NamedMutex MUTEX = NamedMutex.of("jcstress.visibility");
  private int a;
  private int b;

  @Actor
  public void writer() {
    try (NamedMutex.Held h = MUTEX.lock(Deadline.none())) {
      a = 1;
      b = 1;
    }
  }

  @Actor
  public void reader(II_Result r) {
    try (NamedMutex.Held h = MUTEX.lock(Deadline.none())) {
      r.r1 = b;
      r.r2 = a;
    }
  }
}
