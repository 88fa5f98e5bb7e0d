package io.parley.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The REST API through the balancer, as a client outside the cluster calls it. */
final class Rest {

  /** A registered person: everything here is secret and must never reach a log. */
  record Account(String id, String username, String password, String accessToken, String refreshToken) {
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
    // HTTP/1.1: the JDK client's h2c upgrade once left a request hanging past its timeout.
    .version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  Rest(int port) {
    this.port = port;
  }

  Account register(String prefix) throws Exception {
    String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    HttpResponse<String> response = call("POST", "/api/v1/auth/register", null, new JsonObject()
      .put("email", username + "@example.org").put("username", username).put("password", password)
      .put("displayName", prefix), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject body = new JsonObject(response.body());
    return new Account(body.getJsonObject("user").getString("id"), username, password,
      body.getString("accessToken"), body.getString("refreshToken"));
  }

  String createGroup(Account owner, List<Account> members) throws Exception {
    HttpResponse<String> response = call("POST", "/api/v1/chats", owner.accessToken(), new JsonObject()
      .put("type", "group").put("title", "through the balancer")
      .put("memberIds", new JsonArray(members.stream().map(Account::id).toList())), null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body()).getString("id");
  }

  /**
   * Sends a text and returns its seq. While a node is lost the cluster may answer 503 for a few
   * seconds (requests routed to the dead member's consumers): the client retries with the same
   * client message id, which the service makes idempotent.
   */
  long send(Account sender, String chatId, String text) throws Exception {
    JsonObject body = new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", text);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response = null;
      try {
        response = call("POST", "/api/v1/chats/" + chatId + "/messages", sender.accessToken(), body, null);
      } catch (IOException connectionLost) {
        // the balancer cut a connection to a node that died: try again
      }
      if (response != null && (response.statusCode() == 200 || response.statusCode() == 201)) {
        return new JsonObject(response.body()).getLong("seq");
      }
      if (response != null && response.statusCode() < 500) {
        throw new AssertionError("send refused: " + response.statusCode() + " " + response.body());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("send did not succeed within 60 s: " + (response == null ? "no answer" : response.body()));
      }
      Thread.sleep(200);
    }
  }

  HttpResponse<String> call(String method, String path, String token, JsonObject body, String correlationId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(20))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (correlationId != null) {
      request.header("X-Correlation-Id", correlationId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
