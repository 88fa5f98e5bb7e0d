package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Real users made through the public API of a node, and their bridge connections. */
final class Users {

  /** Generous: right after a node joins, the first lookups of an address wait for Hazelcast to settle. */
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String PASSWORD = "correct horse battery staple";

  private final Vertx vertx;
  private final WebClient http;

  Users(Vertx vertx) {
    this.vertx = vertx;
    this.http = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setLocalAddress(ClientAddresses.next()));
  }

  /** A registered user: {@code {id, token}}. */
  record User(String id, String token) {
  }

  User register(Node node, String prefix) {
    String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<Buffer> response = http.post(node.httpPort(), "127.0.0.1", "/api/v1/auth/register")
      .sendJsonObject(new JsonObject().put("email", username + "@example.org").put("username", username)
        .put("password", PASSWORD).put("displayName", prefix))
      .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    return new User(body.getJsonObject("user").getString("id"), body.getString("accessToken"));
  }

  String createGroup(Node node, User owner, List<User> members) {
    HttpResponse<Buffer> response = http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats")
      .putHeader("Authorization", "Bearer " + owner.token())
      .sendJsonObject(new JsonObject().put("type", "group").put("title", "cluster group")
        .put("memberIds", new JsonArray(members.stream().map(User::id).toList())))
      .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("id");
  }

  void addMembers(Node node, User owner, String chatId, List<User> members) {
    HttpResponse<Buffer> response = http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats/" + chatId + "/members")
      .putHeader("Authorization", "Bearer " + owner.token())
      .sendJsonObject(new JsonObject().put("userIds", new JsonArray(members.stream().map(User::id).toList())))
      .await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  JsonObject presence(Node node, User viewer, User of) {
    return http.get(node.httpPort(), "127.0.0.1", "/api/v1/presence?userIds=" + of.id())
      .putHeader("Authorization", "Bearer " + viewer.token()).send().await()
      .bodyAsJsonObject().getJsonObject("presence").getJsonObject(of.id());
  }

  /** A device of {@code user} connected to {@code node}'s bridge, authenticated and listening. */
  BridgeClient connect(Node node, User user) throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, "127.0.0.1", node.httpPort(), "/eventbus").await();
    client.register(Address.CLIENT_EVENTS, auth(user));
    JsonObject ready = request(client, user, Address.REALTIME_AUTH, new JsonObject());
    assertThat(ready.getString("userId")).isEqualTo(user.id());
    return client;
  }

  /** A bridge command and its reply (fails the test on an error frame or no answer). */
  static JsonObject request(BridgeClient client, User user, String address, JsonObject body) throws InterruptedException {
    String replyAddress = "reply-" + UUID.randomUUID();
    client.send(address, body, auth(user), replyAddress);
    JsonObject frame = client.next(f -> replyAddress.equals(f.getString("address")), WAIT);
    assertThat(frame).as("reply to " + address).isNotNull();
    assertThat(frame.getString("type")).as(frame.encode()).isEqualTo("rec");
    return frame.getJsonObject("body");
  }

  static JsonObject auth(User user) {
    return new JsonObject().put("authorization", "Bearer " + user.token());
  }
}
