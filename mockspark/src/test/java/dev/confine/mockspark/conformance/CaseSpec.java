package dev.confine.mockspark.conformance;

import java.util.function.Predicate;

/**
 * One conformance program's description, the same on both engines.
 *
 * @param name unique case name, {@code topic.what}
 * @param ordered whether row order is part of the result (otherwise rows are compared as a multiset)
 * @param expectedError the error class real Spark must raise, or {@code null} when it must succeed
 * @param difference why mockspark deliberately differs from Spark here, or {@code null}
 * @param mockExpectation what mockspark must produce instead when {@code difference} is set
 * @param gap a known mockspark gap (a bug to fix): the test asserts the results still differ, so a
 *     fix shows up as a failure asking to remove the mark; {@code null} when none
 */
public record CaseSpec(
    String name,
    boolean ordered,
    String expectedError,
    String difference,
    Predicate<NeutralResult> mockExpectation,
    String gap) {

  /** The topic, the part of the name before the first dot. */
  public String topic() {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
