package io.parley.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports for servers a test starts itself (HTTP, cluster members), so parallel builds never collide. */
public final class FreePorts {

  private FreePorts() {
  }

  /**
   * A TCP port on 127.0.0.1 that was free when this returned. Prefer letting a server bind port 0
   * and asking it which port it got; use this when the port must be known before the server
   * starts, such as a node configuration naming its peers.
   */
  public static int next() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
    }
  }
}
