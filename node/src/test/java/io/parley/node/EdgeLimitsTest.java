package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The edge under abuse: a node at its connection cap refuses the next connection with a clear
 * reason while its probes stay green, and serves again once a connection is gone (a WebSocket
 * too); a malformed chunked body gets a 400 and is no ERROR in the log. Raw sockets, so each is
 * one connection.
 */
class EdgeLimitsTest {

  private static final int CAP = 3;

  @RegisterExtension
  static final TestCluster single = TestCluster.single().config(ConfigKeys.HTTP_MAX_CONNECTIONS, CAP).build();

  @Test
  void beyondItsCapANodeRefusesWithAReasonKeepsItsProbesGreenAndServesAgainWhenOneLeaves() throws Exception {
    int port = single.member(0).httpPort();
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        held.add(socket);
        assertThat(statusLine(exchange(socket, "GET /health"))).as("connection " + i).contains("200");
      }
      try (Socket over = new Socket("127.0.0.1", port)) {
        String answer = exchange(over, "GET /api/v1/auth/jwks");
        assertThat(statusLine(answer)).contains("503");
        assertThat(answer).contains("service.at_capacity").containsIgnoringCase("connection: close");
      }
      try (Socket probe = new Socket("127.0.0.1", port)) {
        assertThat(statusLine(exchange(probe, "GET /ready"))).as("readiness answers at the cap").contains("200");
      }
      held.remove(0).close();
      Poll.until(() -> {
        try (Socket again = new Socket("127.0.0.1", port)) {
          return statusLine(exchange(again, "GET /api/v1/auth/jwks")).contains("200");
        } catch (IOException retry) {
          return false;
        }
      }, Duration.ofSeconds(10));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  @Test
  void aClosedBridgeConnectionNoLongerCountsAgainstTheCap() throws Exception {
    int port = single.member(0).httpPort();
    // Many more WebSockets than the cap, one after another: each upgrade leaves the count as it found it.
    for (int i = 0; i < 4 * CAP; i++) {
      int attempt = i;
      Poll.until(() -> {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          return statusLine(exchange(socket, "GET /eventbus/0/" + attempt + "edge/websocket", "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")).contains("101");
        } catch (IOException retry) {
          return false;
        }
      }, Duration.ofSeconds(10));
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertThat(statusLine(exchange(socket, "GET /api/v1/auth/jwks"))).as("after " + 4 * CAP + " WebSockets came and went").contains("200");
    }
  }

  @Test
  void aMalformedChunkedBodyIsA400AndNoErrorInTheLog() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    try (Socket socket = new Socket("127.0.0.1", single.member(0).httpPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nZZZ-not-a-size\r\n{\"login\":1}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = read(socket.getInputStream());
      assertThat(answer.isEmpty() || statusLine(answer).contains("400")).as(answer).isTrue();
    } finally {
      root.detachAppender(log);
    }
    assertThat(log.list).as("client faults are not errors").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
  }

  private static String exchange(Socket socket, String request) throws IOException {
    return exchange(socket, request, "");
  }

  private static String exchange(Socket socket, String request, String headers) throws IOException {
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write((request + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
      .getBytes(StandardCharsets.US_ASCII));
    return read(socket.getInputStream());
  }

  /** One response: headers, then as many body bytes as Content-Length says (or until the server closes). */
  private static String read(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.toString().endsWith("\r\n\r\n")) {
        break;
      }
    }
    String headers = head.toString();
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String statusLine(String response) {
    int end = response.indexOf("\r\n");
    return end < 0 ? response : response.substring(0, end);
  }
}
