package dev.confine.benchmarks.jmh.isolation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/**
 * The physical baseline of the child-process strategy: a child JVM that echoes length-prefixed
 * byte messages on stdin/stdout, with no framing beyond the length and no serialization.
 */
public final class RawEchoMain {
  private RawEchoMain() {}

  public static void main(String[] args) throws Exception {
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    byte[] buf = new byte[1 << 16];
    try {
      while (true) {
        int n = in.readInt();
        in.readFully(buf, 0, n);
        out.writeInt(n);
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (EOFException e) {
      // parent closed stdin: done
    }
  }
}
