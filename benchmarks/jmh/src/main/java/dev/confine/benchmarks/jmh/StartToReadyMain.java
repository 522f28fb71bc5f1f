package dev.confine.benchmarks.jmh;

/**
 * Only the worker start-to-ready measurement of {@code ./confine bench isolation} (7 hello-world
 * JVMs and 7 one-worker pools, medians), without the JMH runs before it: {@code java -cp
 * benchmarks/jmh/target/benchmarks.jar dev.confine.benchmarks.jmh.StartToReadyMain}. Run from a
 * jar class path: the worker's class-data archive is made for jars only.
 */
public final class StartToReadyMain {
  private StartToReadyMain() {}

  public static void main(String[] args) throws Exception {
    StringBuilder md = new StringBuilder();
    BenchMain.startToReady(md);
    System.out.print(md);
  }
}
