package dev.confine.snmp.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay on loopback that stands for a device some milliseconds away: every datagram a
 * client sends is forwarded to the agent at once, and every answer goes back to that client after
 * a fixed delay (the round-trip time), byte for byte. Each client address gets its own upstream
 * socket, so the agent sees distinct peers, as it would on a network.
 *
 * <p>Why: on loopback the private snmpd answers in microseconds and the demo is CPU-bound, which
 * hides what the strategies do with the time a request spends waiting on the network. Real
 * devices answer in milliseconds; behind this relay the demo shows it.
 *
 * <p>Concurrency: one selector thread reads both sides and owns the client-to-upstream map (no
 * other thread touches it); one scheduler thread sends the delayed answers (a {@link
 * DatagramChannel} may be written by one thread while another reads it). {@link #close()} is
 * idempotent and stops both.
 */
final class LatencyRelay implements AutoCloseable {
  private final InetSocketAddress agent;
  private final long delayNanos;
  private final Selector selector;
  private final DatagramChannel front;
  private final Map<SocketAddress, DatagramChannel> upstreamOf = new HashMap<>(); // selector thread only
  private final ScheduledExecutorService answers;
  private final Thread loop;
  private final AtomicLong relayed = new AtomicLong();

  private LatencyRelay(InetSocketAddress agent, Duration roundTrip) throws IOException {
    this.agent = agent;
    this.delayNanos = roundTrip.toNanos();
    this.selector = Selector.open();
    this.front = DatagramChannel.open();
    front.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    front.configureBlocking(false);
    front.register(selector, SelectionKey.OP_READ, null);
    this.answers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-relay-answers");
              t.setDaemon(true);
              return t;
            });
    this.loop = new Thread(this::run, "demo-relay");
    loop.setDaemon(true);
    loop.start();
  }

  /** Starts a relay in front of {@code agent} that delays each answer by {@code roundTrip}. */
  static LatencyRelay start(String agentHost, int agentPort, Duration roundTrip) {
    try {
      return new LatencyRelay(new InetSocketAddress(agentHost, agentPort), roundTrip);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the demo's UDP relay on loopback", e);
    }
  }

  String host() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  int port() {
    try {
      return ((InetSocketAddress) front.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers relayed back to clients so far. */
  long relayed() {
    return relayed.get();
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocate(65535);
    try {
      while (selector.isOpen()) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          if (!key.isValid() || !key.isReadable()) continue;
          DatagramChannel ch = (DatagramChannel) key.channel();
          SocketAddress client = (SocketAddress) key.attachment();
          buf.clear();
          SocketAddress from = ch.receive(buf);
          if (from == null) continue;
          buf.flip();
          byte[] datagram = new byte[buf.remaining()];
          buf.get(datagram);
          if (client == null) {
            upstream(from).send(ByteBuffer.wrap(datagram), agent); // a request: straight to the agent
          } else {
            answers.schedule(() -> answer(datagram, client), delayNanos, TimeUnit.NANOSECONDS);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (ClosedSelectorException e) {
      // closed: done
    } catch (IOException e) {
      if (selector.isOpen()) throw new UncheckedIOException("the demo's UDP relay failed", e);
    }
  }

  private DatagramChannel upstream(SocketAddress client) throws IOException {
    DatagramChannel up = upstreamOf.get(client);
    if (up == null) {
      up = DatagramChannel.open();
      up.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      up.configureBlocking(false);
      up.register(selector, SelectionKey.OP_READ, client);
      upstreamOf.put(client, up);
    }
    return up;
  }

  private void answer(byte[] datagram, SocketAddress client) {
    try {
      front.send(ByteBuffer.wrap(datagram), client);
      relayed.incrementAndGet();
    } catch (IOException e) {
      // the client went away (its session closed): the datagram is dropped, as a network would
    }
  }

  @Override
  public void close() {
    answers.shutdownNow();
    try {
      selector.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      loop.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(front);
    for (DatagramChannel up : upstreamOf.values()) closeQuietly(up);
  }

  private static void closeQuietly(DatagramChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
