package dev.confine.benchmarks.jcstress.graphistry;

import dev.confine.graphistry.GraphistryClient;
import dev.confine.graphistry.Plottable;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The race: one thread calls {@code g.setClient(NEW)} while another resolves the client of a
 * plottable chained from {@code g} (what {@code plot()} does first). Resolution is lock-free (volatile
 * reads along the chain's client slots), so the reader must see the old client or the new one,
 * never null or anything else.
 *
 * <p>Rerun: {@code ./mvnw -B -q -pl benchmarks/jcstress -am package -DskipTests && java -jar
 * benchmarks/jcstress/target/jcstress.jar -m quick -jvmArgs -XX:+UseParallelGC -t ClientRootResolutionStress}
 */
@JCStressTest
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "resolved the old client")
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "resolved the new client")
@Outcome(expect = Expect.FORBIDDEN, desc = "resolved neither")
@State
public class ClientRootResolutionStress {
  static final GraphistryClient OLD = GraphistryClient.newBuilder().server("old.invalid").build();
  static final GraphistryClient NEW = GraphistryClient.newBuilder().server("new.invalid").build();

  final Plottable g = OLD.plottable();
  final Plottable child = g.name("child").description("grandchild");

  @Actor
  public void switcher() {
    g.setClient(NEW);
  }

  @Actor
  public void resolver(I_Result r) {
    GraphistryClient c = child.resolveClient();
    r.r1 = c == OLD ? 1 : c == NEW ? 2 : 0;
  }
}
