package dev.confine.benchmarks.jcstress.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.isolation.Isolated;
import dev.confine.isolation.Isolation;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The hand-off of a call to a thread-confined owner and of its result back, in both directions:
 * each caller writes a plain field, then makes a call that reads it on the owner thread and writes
 * another plain field, which the caller reads after the call returns. The owner must see the
 * caller's write (caller -> owner happens-before) and the caller must see the owner's write (owner
 * -> caller happens-before). Two callers run at once so the queue is contended.
 *
 * <p>Rerun: {@code java -jar benchmarks/jcstress/target/jcstress.jar -t ThreadConfinedHandOffTest -m default}
 */
@JCStressTest
@Outcome(id = "1, 2, 1, 2", expect = Expect.ACCEPTABLE, desc = "both hand-offs visible both ways")
@Outcome(expect = Expect.FORBIDDEN, desc = "a write was not visible across the hand-off")
@State
public class ThreadConfinedHandOffTest {
  /** One owner thread for all iterations: starting a thread per iteration would test Thread.start instead. */
  private static final Isolated<Object> OWNER =
      Isolated.newBuilder(new Nothing())
          .strategy(Isolation.threadConfined(1))
          .defaultTimeout(Duration.ofMinutes(1))
          .name("jcstress-handoff")
          .open();

  private int in1;
  private int out1;
  private int in2;
  private int out2;

  @Actor
  public void caller1(IIII_Result r) {
    in1 = 1;
    r.r1 = OWNER.call((s, c) -> {
      int seen = in1;
      out1 = 2;
      return seen;
    });
    r.r2 = out1;
  }

  @Actor
  public void caller2(IIII_Result r) {
    in2 = 1;
    r.r3 = OWNER.call((s, c) -> {
      int seen = in2;
      out2 = 2;
      return seen;
    });
    r.r4 = out2;
  }

  /** A backend with no state of its own; the test's state is in the fields above. */
  public static final class Nothing implements Backend<Object> {
    @Override
    public String id() {
      return "jcstress-nothing";
    }

    @Override
    public StateScope scope() {
      return StateScope.INSTANCE;
    }

    @Override
    public Object open(BackendConfig config) {
      return new Object();
    }

    @Override
    public void close(Object state) {}
  }
}
