package io.parley.backends;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Minimal real clients, to prove a backend answers without trusting the code that started it. */
final class Probes {

  private static final int TIMEOUT_MS = 2_000;

  private Probes() {
  }

  /** Sends Redis an inline {@code PING} over a plain socket and returns its reply line. */
  static String redisPing(String redisUri) throws IOException {
    URI uri = URI.create(redisUri);
    try (Socket socket = connect(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  /** True if something accepts TCP connections on {@code host:port}. */
  static boolean accepts(String host, int port) {
    try (Socket ignored = connect(host, port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean accepts(String hostAndPort) {
    URI uri = URI.create("tcp://" + hostAndPort);
    return accepts(uri.getHost(), uri.getPort());
  }

  private static Socket connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
