package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.security.SigningKeys;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge's promises at one node: deny by default, identity from the token only, events only
 * to members, limits on frames, tokens that expire, slow clients that cannot hold back others.
 * The chat service's membership answer is played by a small stand-in that knows three users.
 */
class RealtimeBridgeTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration SILENCE = Duration.ofMillis(700);

  @RegisterExtension
  static final GatewayHarness gateway = GatewayHarness.gateway()
    .config(ConfigKeys.REALTIME_TYPING_THROTTLE_MS, 3_000)
    .config(ConfigKeys.REALTIME_WRITE_QUEUE_BYTES, 64 * 1024)
    .config(ConfigKeys.REALTIME_SLOW_CLIENT_GRACE_MS, 3_000)
    .build();
  private static Vertx vertx;
  private static JWTAuth tokens;
  private static int port;
  private static final String ALICE = UUID.randomUUID().toString();
  private static final String BOB = UUID.randomUUID().toString();
  private static final String CAROL = UUID.randomUUID().toString();
  private static final String CHAT = UUID.randomUUID().toString();

  @BeforeAll
  static void knownUsers() {
    vertx = gateway.vertx();
    tokens = gateway.tokens();
    port = gateway.httpPort();
    gateway.chatsOf.putAll(Map.of(ALICE, List.of(CHAT), BOB, List.of(CHAT), CAROL, List.of()));
  }

  @Test
  void unauthenticatedConnectionGetsNothingAndIsClosed() throws Exception {
    try (BridgeClient anonymous = connect()) {
      anonymous.register(Address.CLIENT_EVENTS, new JsonObject());
      assertThat(anonymous.nextError(WAIT).getString("body")).isEqualTo("unauthenticated");
      publishChatEvent("message.sent", new JsonObject().put("seq", 1));
      assertThat(nextEvent(anonymous, SILENCE)).isNull();
      Poll.until(anonymous::closedByServer, WAIT);
    }
  }

  @Test
  void forgedOrForeignTokensAreRefused() throws Exception {
    try (BridgeClient forged = connect()) {
      forged.register(Address.CLIENT_EVENTS, auth(withClaimsOf(token(ALICE), token(BOB))));
      assertThat(forged.nextError(WAIT).getString("body")).isEqualTo("unauthenticated");
    }
    try (BridgeClient expired = connect()) {
      String stale = tokens.generateToken(new JsonObject().put("sub", ALICE).put("sid", UUID.randomUUID().toString())
        .put("exp", System.currentTimeMillis() / 1000 - 60), new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley"));
      expired.register(Address.CLIENT_EVENTS, auth(stale));
      assertThat(expired.nextError(WAIT).getString("body")).isEqualTo("unauthenticated");
    }
  }

  @Test
  void aConnectionCannotSwitchToAnotherUsersToken() throws Exception {
    try (BridgeClient alice = authenticated(ALICE)) {
      alice.send(Address.REALTIME_AUTH, new JsonObject(), auth(token(BOB)), "r1");
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("access_denied");
      Poll.until(alice::closedByServer, WAIT);
    }
  }

  @Test
  void onlyTheOwnEventsAddressAndAnnouncementsMayBeRegistered() throws Exception {
    try (BridgeClient alice = authenticated(ALICE)) {
      for (String address : List.of(Address.CHAT_EVENTS, Address.REALTIME_EPHEMERAL, "client.user." + BOB, "auth.register")) {
        alice.register(address, auth(token(ALICE)));
        assertThat(alice.nextError(WAIT).getString("body")).as(address).isEqualTo("access_denied");
      }
    }
  }

  @Test
  void publishingAndSendingToUnlistedAddressesAreRefused() throws Exception {
    try (BridgeClient alice = authenticated(ALICE)) {
      alice.publish(Address.CHAT_EVENTS, chatEvent("message.sent", new JsonObject()), auth(token(ALICE)));
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("access_denied");
      alice.send(Address.CHAT_MEMBERSHIPS, new JsonObject(), auth(token(ALICE)), "r2");
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("access_denied");
      // The batch of pipelined sends is the edge's own request to the chat service, never a browser's.
      alice.send(Address.CHAT_MESSAGE_SEND_BATCH, new JsonObject().put("messages", new JsonArray()), auth(token(ALICE)), "r3");
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("access_denied");
    }
  }

  @Test
  void chatEventsReachEveryConnectionOfEveryMemberAndNoOneElse() throws Exception {
    try (BridgeClient alicePhone = authenticated(ALICE);
         BridgeClient aliceLaptop = authenticated(ALICE);
         BridgeClient bob = authenticated(BOB);
         BridgeClient carol = authenticated(CAROL)) {
      publishChatEvent("message.sent", new JsonObject().put("seq", 7).put("text", "hello"));

      for (BridgeClient member : List.of(alicePhone, aliceLaptop, bob)) {
        JsonObject frame = nextEvent(member, WAIT);
        assertThat(frame).isNotNull();
        assertThat(frame.getJsonObject("body").getJsonObject("payload").getString("text")).isEqualTo("hello");
        assertThat(nextEvent(member, Duration.ofMillis(200))).as("delivered once").isNull();
      }
      assertThat(nextEvent(carol, SILENCE)).isNull();
    }
  }

  @Test
  void aMembersPrivateChangeReachesOnlyTheirOwnDevices() throws Exception {
    try (BridgeClient alicePhone = authenticated(ALICE); BridgeClient aliceLaptop = authenticated(ALICE);
         BridgeClient bob = authenticated(BOB)) {
      publishChatEvent("message.hidden", new JsonObject().put("audience", "user").put("userId", ALICE).put("messageSeq", 3));
      for (BridgeClient device : List.of(alicePhone, aliceLaptop)) {
        assertThat(nextEvent(device, WAIT).getJsonObject("body").getString("type")).isEqualTo("message.hidden");
      }
      assertThat(nextEvent(bob, SILENCE)).isNull();
    }
  }

  @Test
  void aRemovedMemberStopsReceivingAtOnceAndAnAddedOneStarts() throws Exception {
    String chat = UUID.randomUUID().toString();
    try (BridgeClient alice = authenticated(ALICE); BridgeClient carol = authenticated(CAROL)) {
      publish(chat, "chat.member.changed", new JsonObject().put("change", "added").put("userId", CAROL));
      assertThat(nextEvent(carol, WAIT)).isNotNull();
      publish(chat, "message.sent", new JsonObject().put("seq", 2));
      assertThat(nextEvent(carol, WAIT)).isNotNull();

      publish(chat, "chat.member.changed", new JsonObject().put("change", "removed").put("userId", CAROL));
      assertThat(nextEvent(carol, WAIT).getJsonObject("body").getString("type"))
        .isEqualTo("chat.member.changed");
      publish(chat, "message.sent", new JsonObject().put("seq", 4));
      assertThat(nextEvent(carol, SILENCE)).isNull();
      assertThat(nextEvent(alice, SILENCE)).as("alice is not in that chat").isNull();
    }
  }

  @Test
  void anAddedMemberGetsWhatTheChatSentBeforeThisNodeRoutedItOnceAndInOrder() throws Exception {
    String chat = UUID.randomUUID().toString();
    List<String> askedAs = new java.util.concurrent.CopyOnWriteArrayList<>();
    // The chat service's answer: seq 6 was committed and routed before this node claimed the chat.
    var changes = vertx.eventBus().<JsonObject>consumer(Address.CHAT_CHANGES, request -> {
      askedAs.add(request.headers().get(Headers.USER_ID) + " after " + request.body().getLong("after"));
      request.reply(new JsonObject().put("chatId", chat).put("events", new JsonArray().add(new JsonObject()
        .put("chatId", chat).put("seq", 6).put("type", "message.sent").put("time", java.time.Instant.now().toString())
        .put("text", "sent while Carol's node did not route the chat"))));
    });
    changes.completion().await();
    try (BridgeClient carol = authenticated(CAROL)) {
      publish(chat, "chat.member.changed", new JsonObject().put("seq", 5).put("change", "added").put("userId", CAROL));

      assertThat(nextEvent(carol, WAIT).getJsonObject("body").getString("type")).isEqualTo("chat.member.changed");
      JsonObject missed = nextEvent(carol, WAIT).getJsonObject("body");
      assertThat(missed.getString("aggregateId")).isEqualTo(chat);
      assertThat(missed.getJsonObject("payload").getLong("seq")).isEqualTo(6L);
      assertThat(missed.getJsonObject("payload").getString("text")).isEqualTo("sent while Carol's node did not route the chat");
      assertThat(askedAs).containsExactly(CAROL + " after 5");

      publish(chat, "message.sent", new JsonObject().put("seq", 6));
      assertThat(nextEvent(carol, SILENCE)).as("the late live copy of 6 is dropped").isNull();
      publish(chat, "message.sent", new JsonObject().put("seq", 7));
      assertThat(nextEvent(carol, WAIT).getJsonObject("body").getJsonObject("payload").getLong("seq")).isEqualTo(7L);
    } finally {
      changes.unregister().await();
    }
  }

  @Test
  void typingCarriesTheVerifiedSenderNotForgedHeadersAndIsThrottled() throws Exception {
    try (BridgeClient alice = authenticated(ALICE); BridgeClient bob = authenticated(BOB)) {
      JsonObject forgedHeaders = auth(token(ALICE)).put(Headers.USER_ID, BOB).put(Headers.SESSION_ID, "forged");
      alice.send(Address.REALTIME_TYPING, new JsonObject().put("chatId", CHAT).put("typing", true), forgedHeaders, "t1");
      assertThat(alice.nextMessage("t1", WAIT).getJsonObject("body").getBoolean("relayed")).isTrue();

      JsonObject typing = nextEvent(bob, WAIT).getJsonObject("body");
      assertThat(typing.getString("type")).isEqualTo("typing");
      assertThat(typing.getString("userId")).isEqualTo(ALICE);
      assertThat(typing.getString("chatId")).isEqualTo(CHAT);

      alice.send(Address.REALTIME_TYPING, new JsonObject().put("chatId", CHAT).put("typing", true), auth(token(ALICE)), "t2");
      assertThat(alice.nextMessage("t2", WAIT).getJsonObject("body").getBoolean("relayed")).isFalse();
      assertThat(bob.next(frame -> "typing".equals(frame.getJsonObject("body", new JsonObject()).getString("type")), SILENCE)).isNull();
    }
  }

  @Test
  void typingInAChatOneDoesNotBelongToIsRefusedWith403() throws Exception {
    try (BridgeClient carol = authenticated(CAROL); BridgeClient bob = authenticated(BOB)) {
      carol.send(Address.REALTIME_TYPING, new JsonObject().put("chatId", CHAT), auth(token(CAROL)), "t3");
      JsonObject refused = carol.nextError(WAIT);
      assertThat(refused.getInteger("failureCode")).isEqualTo(403);
      assertThat(new JsonObject(refused.getString("message")).getString("code")).isEqualTo("auth.forbidden");
      assertThat(nextEvent(bob, SILENCE)).isNull();
    }
  }

  @Test
  void revokingASessionClosesItsConnectionsAtOnceAndNoOthers() throws Exception {
    // A user of its own: the node remembers the revoked session for the rest of the class.
    String carol = UUID.randomUUID().toString();
    try (BridgeClient revoked = authenticated(carol); BridgeClient bob = authenticated(BOB)) {
      vertx.eventBus().publish(Address.AUTH_SESSIONS_REVOKED,
        new JsonObject().put("userId", carol).put("sessionIds", new JsonArray().add(GatewayHarness.sessionOf(carol))));
      assertThat(revoked.nextError(WAIT).getString("body")).isEqualTo("session_revoked");
      Poll.until(revoked::closedByServer, WAIT);
      assertThat(bob.closedByServer()).isFalse();
      BridgeClient again = gateway.connect();
      again.send(Address.REALTIME_AUTH, new JsonObject(), GatewayHarness.auth(gateway.token(carol)), "ready");
      assertThat(again.nextError(WAIT).getString("body")).as("nor can it connect again").isEqualTo("session_revoked");
      again.close();
    }
  }

  @Test
  void aConnectionFromAForeignOriginIsRefusedBeforeUpgrade() {
    var options = BridgeClient.sockJsWebSocket("127.0.0.1", port, "/eventbus").addHeader("Origin", "https://evil.example");
    assertThatThrownBy(() -> BridgeClient.connect(vertx, options).await()).hasMessageContaining("403");
    var sameSite = BridgeClient.sockJsWebSocket("127.0.0.1", port, "/eventbus").addHeader("Origin", "http://127.0.0.1:" + port);
    BridgeClient.connect(vertx, sameSite).await().close();
  }

  @Test
  void framesOverTheRateLimitAreRefusedWithoutClosingAtOnce() throws Exception {
    try (BridgeClient alice = authenticated(ALICE)) {
      for (int i = 0; i < 60; i++) {
        alice.write(new JsonObject().put("type", "ping"));
      }
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("rate_limited");
    }
  }

  @Test
  void anOversizedFrameIsAnsweredFrameTooLargeAndTheConnectionClosed() throws Exception {
    for (int size : new int[] {17_000, 40_000}) {
      try (BridgeClient alice = authenticated(ALICE)) {
        alice.send(Address.REALTIME_TYPING, new JsonObject().put("chatId", "x".repeat(size)), auth(token(ALICE)), "big");
        assertThat(alice.nextError(WAIT).getString("body")).as(size + " bytes in one frame").isEqualTo("frame_too_large");
        Poll.until(alice::closedByServer, WAIT);
      }
    }
  }

  @Test
  void anOversizedMessageInWebSocketFragmentsIsAnsweredFrameTooLargeToo() throws Exception {
    try (BridgeClient alice = authenticated(ALICE)) {
      JsonObject frame = new JsonObject().put("type", "send").put("address", Address.REALTIME_TYPING)
        .put("body", new JsonObject().put("chatId", "x".repeat(30_000))).put("headers", auth(token(ALICE))).put("replyAddress", "big");
      alice.writeFragmented(frame, 4_000);
      assertThat(alice.nextError(WAIT).getString("body")).isEqualTo("frame_too_large");
      Poll.until(alice::closedByServer, WAIT);
    }
  }

  @Test
  void alternatingTypingAndStoppedRelaysAtMostOneOfEachPerThrottlePeriod() throws Exception {
    // A typist of their own, with no throttle state left by other tests.
    String dave = UUID.randomUUID().toString();
    gateway.chatsOf.put(dave, List.of(CHAT));
    try (BridgeClient typist = authenticated(dave)) {
      int relayed = 0;
      for (int i = 0; i < 20; i++) {
        typist.send(Address.REALTIME_TYPING, new JsonObject().put("chatId", CHAT).put("typing", i % 2 == 0), auth(token(dave)), "a" + i);
        relayed += typist.nextMessage("a" + i, WAIT).getJsonObject("body").getBoolean("relayed") ? 1 : 0;
      }
      assertThat(relayed).as("typing, stopped, then nothing until the throttle period is over").isEqualTo(2);
    }
  }

  @Test
  void aConnectionWhoseTokenExpiresIsClosed() throws Exception {
    String shortLived = tokens.generateToken(new JsonObject().put("sub", ALICE).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(2));
    try (BridgeClient alice = connect()) {
      alice.register(Address.CLIENT_EVENTS, auth(shortLived));
      JsonObject closing = alice.nextError(Duration.ofSeconds(10));
      assertThat(closing.getString("body")).isEqualTo("token_expired");
      Poll.until(alice::closedByServer, WAIT);
    }
  }

  @Test
  void aSlowClientIsCutOffWithoutDelayingAFastOne() throws Exception {
    String chat = UUID.randomUUID().toString();
    String dave = UUID.randomUUID().toString();
    BridgeClient slow = BridgeClient.connect(vertx, BridgeClient.sockJsWebSocket("127.0.0.1", port, "/eventbus"),
      new WebSocketClientOptions().setReceiveBufferSize(4096)).await();
    slow.register(Address.CLIENT_EVENTS, auth(token(dave)));
    Poll.until(() -> LocalRouter.forNode(vertx).hasUser(dave), WAIT);
    try (slow; BridgeClient fast = authenticated(BOB)) {
      publish(chat, "chat.member.changed", new JsonObject().put("change", "added").put("userIds", new JsonArray().add(dave).add(BOB)));
      assertThat(nextEvent(fast, WAIT)).isNotNull();
      slow.pauseReading();
      String padding = "p".repeat(4_000);
      int events = 3_000;
      for (int seq = 2; seq < events + 2; seq++) {
        publish(chat, "message.sent", new JsonObject().put("seq", seq).put("text", padding));
      }
      int received = 0;
      while (nextEvent(fast, WAIT) != null && ++received < events) {
        // drain every event the fast client is owed
      }
      assertThat(received).isEqualTo(events);
      // The server gave up on the slow client: its connection is gone from the node.
      Poll.until(() -> !LocalRouter.forNode(vertx).hasUser(dave), Duration.ofSeconds(10));
    }
  }

  /**
   * The next frame on the events address other than presence: members of one chat see each
   * other come online, at a moment set by the presence flush; PresenceTest proves those.
   */
  private static JsonObject nextEvent(BridgeClient client, Duration timeout) throws InterruptedException {
    return client.next(frame -> "rec".equals(frame.getString("type"))
      && Address.CLIENT_EVENTS.equals(frame.getString("address"))
      && !"presence".equals(frame.getJsonObject("body", new JsonObject()).getString("type")), timeout);
  }

  private static BridgeClient connect() {
    return gateway.connect();
  }

  private static BridgeClient authenticated(String userId) throws Exception {
    return gateway.authenticated(userId);
  }

  private static String token(String userId) {
    return gateway.token(userId);
  }

  /** Alice's signature over Bob's claims: what someone editing a token would send. */
  private static String withClaimsOf(String signed, String other) {
    String[] signedParts = signed.split("\\.");
    String[] otherParts = other.split("\\.");
    return signedParts[0] + "." + otherParts[1] + "." + signedParts[2];
  }

  private static JsonObject auth(String token) {
    return GatewayHarness.auth(token);
  }

  private static void publishChatEvent(String type, JsonObject payload) {
    publish(CHAT, type, payload);
  }

  private static void publish(String chatId, String type, JsonObject payload) {
    vertx.eventBus().publish(Address.CHAT_EVENTS, chatEvent(type, payload.put("chatId", chatId)).put("aggregateId", chatId));
  }

  private static JsonObject chatEvent(String type, JsonObject payload) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type)
      .put("time", java.time.Instant.now().toString()).put("aggregateId", CHAT).put("version", 1).put("payload", payload);
  }
}
