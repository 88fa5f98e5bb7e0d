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

  @Test
  void portsComeFromBelowTheEphemeralRangeAndAreNeverHandedOutTwice() {
    java.util.Set<Integer> ports = new java.util.HashSet<>();
    for (int i = 0; i < 500; i++) {
      int port = FreePorts.next();
      assertThat(port).isBetween(10_000, 31_999);
      assertThat(ports.add(port)).as("port " + port + " handed out once").isTrue();
    }
  }
}
