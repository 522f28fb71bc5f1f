package dev.confine.benchmarks.jmh.isolation;

import java.util.Locale;

/**
 * The cost of one {@code System.nanoTime()} on this machine: five rounds of 20 million reads in a
 * loop, each round's mean printed. On virtual machines it is tens of nanoseconds, as much as an
 * uncontended lock, which is why the serialized strategy's hot path counts its clock reads. Not
 * JMH: the loop is the thing measured, and its own overhead is a few cycles per read.
 */
public final class ClockReadMain {
  private ClockReadMain() {}

  public static void main(String[] args) {
    long sink = 0;
    for (int round = 0; round < 5; round++) {
      long t = System.nanoTime();
      for (int i = 0; i < 20_000_000; i++) {
        sink += System.nanoTime();
      }
      System.out.printf(Locale.ROOT, "System.nanoTime(): %.1f ns per read%n", (System.nanoTime() - t) / 2e7);
    }
    if (sink == 42) {
      System.out.println(); // keeps the reads from being optimised away
    }
  }
}
