package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.shared.Address;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access ends at once everywhere: after sign-out or account deletion the same access token gets
 * nowhere, on any route or on the bridge, though it is still validly signed and unexpired. A
 * token that names no user, or no valid one, is refused as 401 rather than crashing a route.
 */
class RevocationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestCluster single = TestCluster.single().build();
  private static Node node;
  private static Api api;

  @BeforeAll
  static void client() {
    node = single.member(0);
    api = new Api(single.vertx(), node.httpPort());
  }

  @Test
  void aSignedOutTokenIsRefusedOnEveryRouteAndOnANewBridgeConnection() throws Exception {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    String chat = api.group(alice, java.util.List.of(bob));
    assertThat(api.get("/api/v1/chats", alice.token()).status()).isEqualTo(200);

    assertThat(api.post("/api/v1/auth/logout", alice.token(), null).status()).isEqualTo(204);

    for (Reply reply : new Reply[] {
      api.get("/api/v1/chats", alice.token()),
      api.get("/api/v1/chats/" + chat + "/messages", alice.token()),
      api.post("/api/v1/chats/" + chat + "/messages", alice.token(), new JsonObject()
        .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "after sign-out")),
      api.get("/api/v1/presence?userIds=" + bob.id(), alice.token()),
      api.get("/api/v1/sync", alice.token()),
      api.get("/api/v1/me", alice.token())}) {
      assertThat(reply.status()).as(reply.text()).isEqualTo(401);
      assertThat(reply.errorCode()).isEqualTo("auth.session_revoked");
    }
    try (BridgeClient device = BridgeClient.connect(single.vertx(), "127.0.0.1", node.httpPort(), "/eventbus").await()) {
      device.send(Address.CHAT_MESSAGE_SEND, new JsonObject().put("chatId", chat).put("clientMessageId", UUID.randomUUID().toString())
        .put("kind", "text").put("text", "over the bridge"), bearer(alice.token()), "reply");
      JsonObject refusal = device.nextError(WAIT);
      assertThat(refusal).isNotNull();
      assertThat(refusal.getString("body")).isEqualTo("session_revoked");
    }
    assertThat(api.get("/api/v1/chats/" + chat + "/messages", bob.token()).body().getJsonArray("items")
      .stream().map(JsonObject.class::cast).map(m -> m.getString("text")).toList()).doesNotContain("after sign-out", "over the bridge");
  }

  @Test
  void anOpenBridgeConnectionOfARevokedSessionCanSendNothingMore() throws Exception {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    String chat = api.group(alice, java.util.List.of(bob));
    Users users = new Users(single.vertx());
    try (BridgeClient device = users.connect(node, new Users.User(alice.id(), alice.token()))) {
      assertThat(api.call(HttpMethod.DELETE, "/api/v1/sessions/" + alice.sessionId(), alice.token(), null).status()).isEqualTo(204);
      JsonObject closed = device.next(frame -> "err".equals(frame.getString("type")), WAIT);
      assertThat(closed.getString("body")).isEqualTo("session_revoked");
    }
    assertThat(api.get("/api/v1/chats/" + chat, alice.token()).errorCode()).isEqualTo("auth.session_revoked");
  }

  @Test
  void aDeletedAccountsTokenNeitherSendsNorCreatesChats() {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    String chat = api.group(alice, java.util.List.of(bob));
    Reply deleted = api.call(HttpMethod.DELETE, "/api/v1/me", alice.token(), new JsonObject().put("password", Users.PASSWORD));
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);

    Reply send = api.post("/api/v1/chats/" + chat + "/messages", alice.token(), new JsonObject()
      .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "from beyond"));
    Reply create = api.post("/api/v1/chats", alice.token(), new JsonObject().put("type", "direct").put("userId", bob.id()));
    assertThat(send.status()).isEqualTo(401);
    assertThat(create.status()).isEqualTo(401);
    assertThat(create.errorCode()).isEqualTo("auth.session_revoked");
  }

  @Test
  void aGatewayStartedAfterTheRevocationLearnsItFromRedis() throws Exception {
    Account alice = api.register("alice");
    assertThat(api.post("/api/v1/auth/logout", alice.token(), null).status()).isEqualTo(204);
    // A second node, not clustered with the first: it never saw the event.
    JsonObject config = TestNodes.onSharedBackends("gateway", "chat", "auth");
    config.put("auth", node.config().getJsonObject("auth").copy());
    try (Node late = Node.start(config)) {
      Reply reply = new Api(single.vertx(), late.httpPort()).get("/api/v1/chats", alice.token());
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.errorCode()).isEqualTo("auth.session_revoked");
    }
  }

  @Test
  void tokensWithoutAValidSubjectAre401OnRestAndOnTheBridge() throws Exception {
    var keys = SigningKeys.jwtAuth(single.vertx(), node.config());
    JWTOptions options = new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(300);
    String noSubject = keys.generateToken(new JsonObject().put("sid", UUID.randomUUID().toString()), options);
    String bogusSubject = keys.generateToken(new JsonObject().put("sub", "'; DROP TABLE users").put("sid", UUID.randomUUID().toString()), options);
    String noSession = keys.generateToken(new JsonObject().put("sub", UUID.randomUUID().toString()), options);
    for (String token : new String[] {noSubject, bogusSubject, noSession}) {
      for (Reply reply : new Reply[] {api.get("/api/v1/chats", token), api.get("/api/v1/presence?userIds=" + UUID.randomUUID(), token),
        api.post("/api/v1/chats", token, new JsonObject().put("type", "group").put("title", "x"))}) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo("auth.unauthenticated");
      }
      try (BridgeClient device = BridgeClient.connect(single.vertx(), "127.0.0.1", node.httpPort(), "/eventbus").await()) {
        device.send(Address.REALTIME_AUTH, new JsonObject(), bearer(token), "reply");
        JsonObject refusal = device.nextError(WAIT);
        assertThat(refusal.getString("body")).isEqualTo("unauthenticated");
        Poll.until(device::closedByServer, WAIT);
        assertThat(device.drain()).as("never bound to a user, never answered").noneMatch(frame -> "reply".equals(frame.getString("address")));
      }
    }
  }

  private static JsonObject bearer(String token) {
    return new JsonObject().put("authorization", "Bearer " + token);
  }
}
