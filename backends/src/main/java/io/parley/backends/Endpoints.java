package io.parley.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Host and port choices shared by the embedded backends. */
final class Endpoints {

  /** Loopback is the default: an embedded backend has no authentication worth exposing. */
  static final String LOOPBACK = "127.0.0.1";

  private static final Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::");

  private Endpoints() {
  }

  /**
   * The host a client on this machine should dial for a server bound to {@code bindHost}: a
   * wildcard bind is reachable on loopback, and loopback never depends on name resolution.
   */
  static String connectHost(String bindHost) {
    return WILDCARDS.contains(bindHost) ? LOOPBACK : bindHost;
  }

  /** True when the bind host also accepts loopback connections. */
  static boolean coversLoopback(String bindHost) {
    return WILDCARDS.contains(bindHost) || LOOPBACK.equals(bindHost) || "localhost".equals(bindHost);
  }

  /**
   * {@code port} itself, or for 0 a port that was free a moment ago. Redis treats port 0 as "no
   * TCP at all" and Kafka needs its controller port before it starts, so the embedded servers
   * cannot ask the kernel for a port themselves. The gap between closing the probe socket and the
   * server binding is a small race, acceptable for a single machine.
   */
  static int portOrFree(int port) {
    if (port != 0) {
      return port;
    }
    // The backends start in parallel: never hand the same just-freed port to two of them.
    synchronized (HANDED_OUT) {
      while (true) {
        int free = probeFreePort();
        if (HANDED_OUT.add(free)) {
          return free;
        }
      }
    }
  }

  private static int probeFreePort() {
    try (ServerSocket probe = new ServerSocket()) {
      // The wildcard address: a port free there is free on every interface, whatever the server binds.
      probe.bind(new InetSocketAddress(0));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free TCP port", e);
    }
  }

  /** Waits until something answers on {@code host:port} with a line starting with {@code expected}. */
  static void awaitAnswer(String host, int port, String request, String expected, java.time.Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (java.net.Socket socket = new java.net.Socket(host, port)) {
        socket.setSoTimeout(1_000);
        socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] reply = new byte[expected.length()];
        int read = socket.getInputStream().readNBytes(reply, 0, reply.length);
        if (read == reply.length && new String(reply, java.nio.charset.StandardCharsets.US_ASCII).equals(expected)) {
          return;
        }
      } catch (IOException notYet) {
        last = notYet;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for " + host + ":" + port, e);
      }
    }
    throw new IOException("Nothing answered on " + host + ":" + port + " in " + timeout, last);
  }
}
