package dev.confine.benchmarks.jmh.isolation;

/** A hello-world JVM: the start-up baseline for worker start-to-ready. */
public final class HelloMain {
  private HelloMain() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
