package io.parley.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the built webroot at {@code /} and the client's test pages at {@code /test/}, with the
 * same Content-Security-Policy the gateway sends, so the tests also prove the code runs under it.
 */
final class StaticServer implements AutoCloseable {

  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    + "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES = Map.of(
    "html", "text/html; charset=utf-8",
    "js", "text/javascript; charset=utf-8",
    "css", "text/css; charset=utf-8",
    "svg", "image/svg+xml",
    "png", "image/png",
    "webmanifest", "application/manifest+json");

  private final HttpServer server;

  StaticServer(Path webroot, Path testPages) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/test/", exchange -> serve(exchange, testPages, "/test/"));
    server.createContext("/", exchange -> serve(exchange, webroot, "/"));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void serve(HttpExchange exchange, Path root, String prefix) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(prefix.length());
      // As the gateway's static handler: a directory answers with its index page.
      Path file = root.resolve(path.isEmpty() || path.endsWith("/") ? path + "index.html" : path).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String name = file.getFileName().toString();
      String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
      byte[] body = Files.readAllBytes(file);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
