package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.gateway.GatewayVerticle;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public REST contract, through a real gateway with real tokens. */
class ChatApiTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service()
    .httpOnFreePort()
    .config(ConfigKeys.AUTH_ISSUER, "parley")
    .config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 5)
    .config(ConfigKeys.CHAT_SEND_RATE_WINDOW, 60)
    .prepare((vertx, config) -> Future.succeededFuture(Config.set(config, ConfigKeys.AUTH_KEYS,
      SigningKeys.loadOrCreate(Files.createTempDirectory("chat-api-keys"), Clock.systemUTC()))))
    .deploy(GatewayVerticle::new)
    .build();
  private static WebClient http;
  private static JWTAuth tokens;

  @BeforeAll
  static void clients() {
    http = fixture.http();
    tokens = SigningKeys.jwtAuth(fixture.vertx(), fixture.config());
  }

  private static String token(User user) {
    return tokens.generateToken(new JsonObject().put("sub", user.id().toString()).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(900));
  }

  private static HttpResponse<Buffer> call(User user, HttpRequest<Buffer> request, JsonObject body) {
    request.bearerTokenAuthentication(token(user));
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private static HttpResponse<Buffer> post(User user, String path, JsonObject body) {
    return call(user, http.post("/api/v1" + path), body);
  }

  private static HttpResponse<Buffer> get(User user, String path) {
    return call(user, http.get("/api/v1" + path), null);
  }

  private static HttpResponse<Buffer> delete(User user, String path) {
    return call(user, http.delete("/api/v1" + path), null);
  }

  /** A realtime connection authenticated as {@code user}, receiving its events. */
  private static BridgeClient bridge(User user) throws InterruptedException {
    BridgeClient client = BridgeClient.connect(fixture.vertx(), "127.0.0.1", fixture.httpPort(), "/eventbus").await();
    JsonObject headers = bridgeHeaders(user);
    client.register(Address.CLIENT_EVENTS, headers);
    client.send(Address.REALTIME_AUTH, new JsonObject(), headers, "ready");
    assertThat(client.nextMessage("ready", WAIT)).isNotNull();
    return client;
  }

  private static JsonObject bridgeHeaders(User user) {
    return new JsonObject().put("authorization", "Bearer " + token(user));
  }

  private static String errorCode(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  @Test
  void directChatsAndMessagesFollowThePublicContract() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");

    HttpResponse<Buffer> created = post(alice, "/chats", new JsonObject().put("type", "direct").put("userId", bob.id().toString()));
    HttpResponse<Buffer> existing = post(bob, "/chats", new JsonObject().put("type", "direct").put("userId", alice.id().toString()));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(existing.statusCode()).isEqualTo(200);
    String chatId = created.bodyAsJsonObject().getString("id");
    assertThat(existing.bodyAsJsonObject().getString("id")).isEqualTo(chatId);
    assertThat(created.bodyAsJsonObject().getString("type")).isEqualTo("direct");

    JsonObject message = new JsonObject().put("clientMessageId", "c-1").put("kind", "text").put("text", "hi bob")
      .put("chatId", UUID.randomUUID().toString());
    HttpResponse<Buffer> sent = post(alice, "/chats/" + chatId + "/messages", message);
    HttpResponse<Buffer> retried = post(alice, "/chats/" + chatId + "/messages", message);
    assertThat(sent.statusCode()).isEqualTo(201);
    assertThat(retried.statusCode()).isEqualTo(200);
    JsonObject body = sent.bodyAsJsonObject();
    assertThat(body.getString("chatId")).as("the path names the chat, not the body").isEqualTo(chatId);
    assertThat(body.fieldNames()).contains("id", "chatId", "seq", "senderId", "createdAt");
    assertThat(retried.bodyAsJsonObject()).isEqualTo(body);

    JsonObject list = get(bob, "/chats").bodyAsJsonObject();
    JsonObject item = list.getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("id")).isEqualTo(chatId);
    assertThat(item.getLong("unreadCount")).isEqualTo(1);
    assertThat(item.getJsonObject("lastMessage").getString("text")).isEqualTo("hi bob");

    JsonArray history = get(bob, "/chats/" + chatId + "/messages?after=0&limit=10").bodyAsJsonObject().getJsonArray("items");
    assertThat(history).hasSize(1);
    assertThat(history.getJsonObject(0).getLong("seq")).isEqualTo(body.getLong("seq"));

    assertThat(post(bob, "/chats/" + chatId + "/read", new JsonObject().put("seq", body.getLong("seq"))).statusCode()).isEqualTo(200);
    assertThat(get(bob, "/chats").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("unreadCount")).isZero();
    assertThat(get(alice, "/chats/" + chatId + "/messages/" + body.getLong("seq") + "/receipts").bodyAsJsonObject()
      .getString("status")).isEqualTo("read");
  }

  @Test
  void groupMembersAreAddedAndRemovedOverRest() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    HttpResponse<Buffer> created = post(owner, "/chats", new JsonObject().put("type", "group").put("title", "Team")
      .put("memberIds", new JsonArray().add(bob.id().toString())));
    assertThat(created.statusCode()).isEqualTo(201);
    String chatId = created.bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> added = post(owner, "/chats/" + chatId + "/members",
      new JsonObject().put("userIds", new JsonArray().add(carol.id().toString())));
    HttpResponse<Buffer> removed = call(owner, http.delete("/api/v1/chats/" + chatId + "/members/" + bob.id()), null);

    assertThat(added.statusCode()).isEqualTo(200);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(get(carol, "/chats/" + chatId).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> gone = get(bob, "/chats/" + chatId + "/messages");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(errorCode(gone)).isEqualTo("chat.not_found");
    JsonObject sync = get(carol, "/sync").bodyAsJsonObject();
    assertThat(sync.getString("cursor")).isNotBlank();
    assertThat(post(carol, "/sync", new JsonObject().put("cursor", sync.getString("cursor"))).statusCode()).isEqualTo(200);
  }

  @Test
  void refusalsUseTheOneErrorShape() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    String chatId = post(alice, "/chats", new JsonObject().put("type", "direct").put("userId", bob.id().toString()))
      .bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> anonymous = http.get("/api/v1/chats").send().await();
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> badPage = get(alice, "/chats/" + chatId + "/messages?limit=500");
    assertThat(badPage.statusCode()).isEqualTo(400);
    assertThat(errorCode(badPage)).isEqualTo("request.invalid_parameter");
    HttpResponse<Buffer> badSeq = call(alice, http.patch("/api/v1/chats/" + chatId + "/messages/abc"), new JsonObject().put("text", "x"));
    assertThat(badSeq.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> stranger = get(fixture.user("mallory"), "/chats/" + chatId);
    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(errorCode(stranger)).isEqualTo("chat.not_found");
    HttpResponse<Buffer> notJson = call(alice, http.post("/api/v1/chats/" + chatId + "/messages")
      .putHeader("Content-Type", "application/json"), null);
    assertThat(notJson.statusCode()).isEqualTo(400);
  }

  @Test
  void sendingIsRateLimitedPerUserWithRetryAfter() {
    User chatty = fixture.user("chatty");
    User bob = fixture.user("bob");
    String chatId = post(chatty, "/chats", new JsonObject().put("type", "direct").put("userId", bob.id().toString()))
      .bodyAsJsonObject().getString("id");
    for (int i = 0; i < 5; i++) {
      assertThat(post(chatty, "/chats/" + chatId + "/messages", new JsonObject().put("clientMessageId", "m" + i)
        .put("kind", "text").put("text", "message " + i)).statusCode()).isEqualTo(201);
    }

    HttpResponse<Buffer> limited = post(chatty, "/chats/" + chatId + "/messages", new JsonObject().put("clientMessageId", "m5")
      .put("kind", "text").put("text", "one too many"));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(errorCode(limited)).isEqualTo("request.rate_limited");
    assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(fixture.lastSeq(UUID.fromString(chatId))).isEqualTo(6);
    // The limit is the sender's, not the chat's.
    assertThat(post(bob, "/chats/" + chatId + "/messages", new JsonObject().put("clientMessageId", "b1")
      .put("kind", "text").put("text", "my turn")).statusCode()).isEqualTo(201);
  }

  @Test
  void liveLocationsMoveOverRestAndTheRealtimeBridgeAndStopOverRest() throws Exception {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    String chatId = post(alice, "/chats", new JsonObject().put("type", "direct").put("userId", bob.id().toString()))
      .bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> sent = post(alice, "/chats/" + chatId + "/messages", new JsonObject().put("clientMessageId", "live-1")
      .put("kind", "live_location").put("location", new JsonObject().put("latitude", 51.5).put("longitude", -0.12)
        .put("liveUntil", Instant.now().plus(Duration.ofHours(1)).toString())));
    assertThat(sent.statusCode()).isEqualTo(201);
    long seq = sent.bodyAsJsonObject().getLong("seq");
    String location = "/chats/" + chatId + "/messages/" + seq + "/location";
    JsonObject position = new JsonObject().put("latitude", 51.51).put("longitude", -0.13);

    HttpResponse<Buffer> moved = post(alice, location, position);
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(moved.bodyAsJsonObject().getJsonObject("location").getDouble("latitude")).isEqualTo(51.51);
    HttpResponse<Buffer> notHers = post(bob, location, position);
    assertThat(notHers.statusCode()).isEqualTo(403);
    assertThat(errorCode(notHers)).isEqualTo("message.not_sender");

    try (BridgeClient alicePhone = bridge(alice); BridgeClient bobPhone = bridge(bob)) {
      alicePhone.send(Address.REALTIME_LOCATION, new JsonObject().put("chatId", chatId).put("messageSeq", seq)
        .put("latitude", 51.52).put("longitude", -0.14), bridgeHeaders(alice), "moved");
      assertThat(alicePhone.nextMessage("moved", WAIT).getJsonObject("body").getJsonObject("location").getDouble("latitude"))
        .isEqualTo(51.52);
      JsonObject update = bobPhone.next(frame -> "location.updated".equals(frame.getJsonObject("body", new JsonObject())
        .getString("type")) && frame.getJsonObject("body").getJsonObject("payload").getDouble("latitude") == 51.52, WAIT);
      assertThat(update).as("bob sees alice's new position live").isNotNull();
      assertThat(update.getJsonObject("body").getJsonObject("payload").getString("userId")).isEqualTo(alice.id().toString());

      bobPhone.send(Address.REALTIME_LOCATION, new JsonObject().put("chatId", chatId).put("messageSeq", seq)
        .put("latitude", 1).put("longitude", 1), bridgeHeaders(bob), "forged");
      JsonObject refused = bobPhone.nextError(WAIT);
      assertThat(refused.getInteger("failureCode")).isEqualTo(403);
      assertThat(new JsonObject(refused.getString("message")).getString("code")).isEqualTo("message.not_sender");
      alicePhone.send(Address.REALTIME_LOCATION, new JsonObject().put("chatId", chatId).put("latitude", 1).put("longitude", 1),
        bridgeHeaders(alice), "malformed");
      assertThat(alicePhone.nextError(WAIT).getInteger("failureCode")).isEqualTo(400);
    }

    HttpResponse<Buffer> stopped = delete(alice, location);
    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(stopped.bodyAsJsonObject().getJsonObject("location").getString("stoppedAt")).isNotNull();
    HttpResponse<Buffer> late = post(alice, location, position);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(errorCode(late)).isEqualTo("location.sharing_ended");
  }

  @Test
  void inviteLinksAndPublicChatSearchOverRest() {
    User owner = fixture.user("owner");
    User guest = fixture.user("guest");
    User late = fixture.user("late");
    String title = "Bakers " + UUID.randomUUID().toString().substring(0, 8);
    String chatId = post(owner, "/chats", new JsonObject().put("type", "group").put("title", title))
      .bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> created = post(owner, "/chats/" + chatId + "/invites", new JsonObject().put("maxUses", 1));
    assertThat(created.statusCode()).isEqualTo(201);
    String token = created.bodyAsJsonObject().getString("token");
    JsonObject preview = get(guest, "/invites/" + token).bodyAsJsonObject();
    assertThat(preview).isEqualTo(new JsonObject().put("title", title).put("type", "group").put("memberCount", 1));
    HttpResponse<Buffer> joined = post(guest, "/invites/" + token + "/join", null);
    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(joined.bodyAsJsonObject().getString("id")).isEqualTo(chatId);
    HttpResponse<Buffer> usedUp = post(late, "/invites/" + token + "/join", null);
    assertThat(usedUp.statusCode()).isEqualTo(410);
    assertThat(errorCode(usedUp)).isEqualTo("invite.used_up");
    assertThat(get(guest, "/chats/" + chatId + "/invites").statusCode()).isEqualTo(403);
    assertThat(get(owner, "/chats/" + chatId + "/invites").bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    HttpResponse<Buffer> revoked = delete(owner, "/chats/" + chatId + "/invites/" + token);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(errorCode(get(late, "/invites/" + token))).isEqualTo("invite.revoked");
    HttpResponse<Buffer> unknown = get(late, "/invites/no-such-link");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("invite.not_found");

    String channelTitle = "Harbour " + UUID.randomUUID().toString().substring(0, 8);
    String channelId = post(owner, "/chats", new JsonObject().put("type", "channel").put("title", channelTitle).put("public", true))
      .bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> found = get(late, "/chats/public?q=" + channelTitle.substring(8));
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(channelId);
    assertThat(get(late, "/chats/public?q=" + title.substring(7)).bodyAsJsonObject().getJsonArray("items"))
      .as("a private group is never found").isEmpty();
    assertThat(post(late, "/chats/" + channelId + "/join", null).statusCode()).isEqualTo(200);
  }
}
