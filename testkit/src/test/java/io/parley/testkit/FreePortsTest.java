package io.parley.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void nextReturnsAPortAServerCanBindOnLoopback() throws Exception {
    int port = FreePorts.next();

    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(server.getLocalPort()).isEqualTo(port);
    }
  }
}
