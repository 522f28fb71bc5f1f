package dev.confine.mockspark.conformance.programs;

import dev.confine.mockspark.conformance.CaseSpec;
import dev.confine.mockspark.conformance.NeutralResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** One conformance case under construction; a fluent description kept beside its program. */
final class Case {
  final String name;
  final Program program;
  final List<String> cleanup = new ArrayList<>();
  private boolean ordered;
  private String expectedError;
  private String difference;
  private Predicate<NeutralResult> mockExpectation;
  private String gap;

  Case(String name, Program program) {
    this.name = Objects.requireNonNull(name, "name");
    this.program = Objects.requireNonNull(program, "program");
  }

  /** Row order is part of the result (the program sorts). */
  Case ordered() {
    ordered = true;
    return this;
  }

  /** Spark must fail with this error class (and mockspark with the same). */
  Case error(String errorClass) {
    expectedError = errorClass;
    return this;
  }

  /** SQL statements run after the case, on success or failure (DROP ... IF EXISTS). */
  Case cleanup(String... sql) {
    cleanup.addAll(List.of(sql));
    return this;
  }

  /** mockspark deliberately differs: {@code why}, and what it must produce instead. */
  Case differs(String why, Predicate<NeutralResult> expectation) {
    difference = why;
    mockExpectation = expectation;
    return this;
  }

  /** A known mockspark gap (not deliberate): the suite asserts the results still differ. */
  Case gap(String why) {
    gap = why;
    return this;
  }

  CaseSpec spec() {
    return new CaseSpec(name, ordered, expectedError, difference, mockExpectation, gap);
  }
}
