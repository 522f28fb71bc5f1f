package dev.confine.benchmarks.jcstress.core;

import dev.confine.core.Deadline;
import dev.confine.core.KeyedLocks;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two threads increment a plain field under the lock of the same key while the lock entry is
 * created and dropped around them (the map entry exists only while used). A lost increment means
 * two threads held "the" lock of one key at once, e.g. one on an entry that was being removed.
 * The second result is the number of entries left after both: anything but 0 is a leak.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t KeyedLocksExclusionTest -m default}
 */
@JCStressTest
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "both increments kept, no entry left")
@Outcome(id = "1, .*", expect = Expect.FORBIDDEN, desc = "an increment was lost: the key's lock was held twice")
@Outcome(id = "2, [1-9]", expect = Expect.FORBIDDEN, desc = "an unused entry was left behind")
@State
public class KeyedLocksExclusionTest {
  private final KeyedLocks<String> locks = new KeyedLocks<>("jcstress");
  private int x;

  @Actor
  public void actor1() {
    try (KeyedLocks<String>.Held h = locks.lock("k", Deadline.none())) {
      x++;
    }
  }

  @Actor
  public void actor2() {
    try (KeyedLocks<String>.Held h = locks.lock(new String("k"), Deadline.none())) {
      x++;
    }
  }

  @Arbiter
  public void arbiter(II_Result r) {
    r.r1 = x;
    r.r2 = locks.size();
  }
}
