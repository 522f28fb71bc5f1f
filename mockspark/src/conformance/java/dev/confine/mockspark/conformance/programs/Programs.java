package dev.confine.mockspark.conformance.programs;

import java.util.ArrayList;
import java.util.List;

/** Every conformance case, topic by topic. */
final class Programs {
  private Programs() {}

  static List<Case> all() {
    List<Case> all = new ArrayList<>();
    CreateSelectPrograms.register(all);
    FilterPrograms.register(all);
    JoinPrograms.register(all);
    AggregatePrograms.register(all);
    WindowPrograms.register(all);
    NullPrograms.register(all);
    DatePrograms.register(all);
    StringPrograms.register(all);
    CastPrograms.register(all);
    SetPrograms.register(all);
    WriterCatalogPrograms.register(all);
    SqlPrograms.register(all);
    ErrorPrograms.register(all);
    ActionPrograms.register(all);
    MoreApiPrograms.register(all);
    return all;
  }

  /** Adds a case to {@code to} and returns it for further description. */
  static Case add(List<Case> to, String name, Program program) {
    Case c = new Case(name, program);
    to.add(c);
    return c;
  }
}
