package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.UUID;

/**
 * The node's own count of its bridge connections and of the signed-in users they belong to, read
 * from {@code /metrics} (the {@code parley.realtime.*} gauges). A connection counts as a user only
 * once its token was verified and its chats loaded, so with one connection per user the users
 * gauge says how many connections are authenticated, as the server sees it.
 */
final class RealtimeGauges {

  /** One reading of both gauges. */
  record Reading(long connections, long users) {
  }

  private final String token = UUID.randomUUID().toString();

  /** What to add to a node's environment so that it serves {@code /metrics} to {@link #read}. */
  Map<String, String> environment() {
    return Map.of("PARLEY_METRICS_TOKEN", token);
  }

  /** The header value that lets a request read {@code /metrics} of a node started with {@link #environment}. */
  String authorization() {
    return "Bearer " + token;
  }

  Future<Reading> read(WebClient http, int port) {
    return http.get(port, "127.0.0.1", "/metrics").putHeader("Authorization", authorization()).send()
      .map(response -> {
        if (response.statusCode() != 200) {
          throw new IllegalStateException("/metrics answered " + response.statusCode());
        }
        String text = response.bodyAsString();
        return new Reading(gauge(text, "parley_realtime_connections"), gauge(text, "parley_realtime_users"));
      });
  }

  private static long gauge(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        return Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    throw new IllegalStateException("/metrics has no " + name);
  }
}
