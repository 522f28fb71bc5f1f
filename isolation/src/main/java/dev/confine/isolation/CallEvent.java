package dev.confine.isolation;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: one call through an isolation strategy, from submit to outcome. */
@Name("dev.confine.Call")
@Label("Confine call")
@Category("Confine")
@Description("A call through an isolation strategy, from submission to its outcome")
final class CallEvent extends Event {
  @Label("Strategy")
  String strategy;

  @Label("Backend")
  String backend;

  @Label("Outcome")
  String outcome;
}
