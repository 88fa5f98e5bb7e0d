package io.parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Users put into groups over REST, each group created by its first member as the app creates one,
 * so that a connecting user has chats for the node to load and presence to announce to.
 */
final class BenchGroups {

  private static final int IN_FLIGHT = 32;

  private BenchGroups() {
  }

  /** Consecutive runs of {@code size} users become one group each (a last short run too, if it has two); the number made. */
  static int create(Vertx vertx, ServerProcess server, JWTAuth tokens, List<String> users, int size) {
    if (size < 2) {
      return 0;
    }
    WebClient http = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    try {
      int made = 0;
      List<Future<?>> batch = new ArrayList<>();
      for (int from = 0; from + 1 < users.size(); from += size) {
        List<String> members = users.subList(from, Math.min(users.size(), from + size));
        batch.add(http.post(server.httpPort(), "127.0.0.1", "/api/v1/chats")
          .putHeader("Authorization", "Bearer " + ServerProcess.token(tokens, members.get(0)))
          .sendJsonObject(new JsonObject().put("type", "group").put("title", "bench " + made)
            .put("memberIds", new JsonArray(members.subList(1, members.size()))))
          .map(response -> {
            if (response.statusCode() != 201) {
              throw new IllegalStateException("Creating a group answered " + response.statusCode() + ": " + response.bodyAsString());
            }
            return null;
          }));
        made++;
        if (batch.size() == IN_FLIGHT) {
          Future.all(batch).await();
          batch.clear();
        }
      }
      Future.all(batch).await();
      return made;
    } finally {
      http.close();
    }
  }
}
