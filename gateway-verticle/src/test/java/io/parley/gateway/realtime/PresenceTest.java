package io.parley.gateway.realtime;

import static io.parley.gateway.realtime.GatewayHarness.WAIT;
import static io.parley.gateway.realtime.GatewayHarness.auth;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Presence: online while connected, busy when set, offline after the last device leaves, private where asked. */
class PresenceTest {

  @RegisterExtension
  static final GatewayHarness gateway = GatewayHarness.gateway().config(ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 300).build();
  private static WebClient http;
  private static Pool database;

  @BeforeAll
  static void clients() {
    http = WebClient.create(gateway.vertx());
    database = Connections.postgres(gateway.vertx(), gateway.config());
  }

  @Test
  void aUserIsOnlineWhileConnectedAndOfflineWithLastSeenAfterTheLastDeviceLeaves() throws Exception {
    String alice = user("everyone");
    String bob = user("everyone");
    String chat = sharedChat(alice, bob);
    gateway.chatsOf.put(alice, List.of(chat));
    gateway.chatsOf.put(bob, List.of(chat));

    try (BridgeClient bobsPhone = gateway.authenticated(bob)) {
      BridgeClient alicePhone = gateway.authenticated(alice);
      BridgeClient aliceLaptop = gateway.authenticated(alice);
      assertThat(nextPresence(bobsPhone, alice).getString("status")).isEqualTo("online");
      Poll.until(() -> "online".equals(presenceOf(bob, alice).getString("status")), WAIT);

      alicePhone.close();
      Thread.sleep(1_000);
      assertThat(presenceOf(bob, alice).getString("status")).as("one device is still connected").isEqualTo("online");

      aliceLaptop.close();
      assertThat(nextPresence(bobsPhone, alice).getString("status")).isEqualTo("offline");
      JsonObject offline = presenceOf(bob, alice);
      assertThat(offline.getString("status")).isEqualTo("offline");
      assertThat(offline.getLong("lastSeen")).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(10_000L));
    }
  }

  @Test
  void busyIsSetByTheUserAndSeenByOthers() throws Exception {
    String alice = user("everyone");
    String bob = user("everyone");
    String chat = sharedChat(alice, bob);
    gateway.chatsOf.put(alice, List.of(chat));
    gateway.chatsOf.put(bob, List.of(chat));
    try (BridgeClient aliceClient = gateway.authenticated(alice); BridgeClient bobClient = gateway.authenticated(bob)) {
      aliceClient.send(Address.REALTIME_PRESENCE, new JsonObject().put("status", "busy"), auth(gateway.token(alice)), "busy");
      assertThat(aliceClient.nextMessage("busy", WAIT)).isNotNull();
      assertThat(nextPresence(bobClient, alice, "busy")).isNotNull();
      assertThat(presenceOf(bob, alice).getString("status")).isEqualTo("busy");

      aliceClient.send(Address.REALTIME_PRESENCE, new JsonObject().put("status", "sleeping"), auth(gateway.token(alice)), "bad");
      assertThat(aliceClient.nextError(WAIT).getInteger("failureCode")).isEqualTo(400);
    }
  }

  @Test
  void lastSeenIsHiddenWhenPrivateAndEverythingIsHiddenFromSomeoneBlocked() throws Exception {
    String privatePerson = user("nobody");
    String blocker = user("everyone");
    String viewer = user("everyone");
    sharedChat(privatePerson, blocker, viewer);
    database.preparedQuery("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
      .execute(Tuple.of(UUID.fromString(blocker), UUID.fromString(viewer))).await();
    gateway.authenticated(privatePerson).close();
    BridgeClient blockerClient = gateway.authenticated(blocker);
    try (blockerClient) {
      Poll.until(() -> "online".equals(presenceOf(privatePerson, blocker).getString("status")), WAIT);
      assertThat(presenceOf(viewer, blocker).getString("status")).as("hidden from the blocked viewer").isEqualTo("offline");
      Poll.until(() -> "offline".equals(presenceOf(viewer, privatePerson).getString("status")), WAIT);
      assertThat(presenceOf(viewer, privatePerson).containsKey("lastSeen")).isFalse();
    }
  }

  @Test
  void livePresenceOfABlockerNeverReachesThePersonTheyBlockedInASharedChat() throws Exception {
    String blocker = user("everyone");
    String blocked = user("everyone");
    String friend = user("everyone");
    String chat = UUID.randomUUID().toString();
    for (String member : List.of(blocker, blocked, friend)) {
      gateway.chatsOf.put(member, List.of(chat));
    }
    database.preparedQuery("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
      .execute(Tuple.of(UUID.fromString(blocker), UUID.fromString(blocked))).await();
    try (BridgeClient blockedClient = gateway.authenticated(blocked); BridgeClient friendClient = gateway.authenticated(friend)) {
      try (BridgeClient blockerClient = gateway.authenticated(blocker)) {
        assertThat(nextPresence(friendClient, blocker).getString("status")).isEqualTo("online");
        assertThat(blockedClient.next(f -> isPresenceOf(f, blocker), Duration.ofSeconds(1))).isNull();
      }
    }
  }

  @Test
  void someoneWhoSharesNoChatSeesNeitherPresenceNorLastSeen() throws Exception {
    String person = user("everyone");
    String stranger = user("everyone");
    gateway.authenticated(person).close();
    String acquaintance = user("everyone");
    sharedChat(person, acquaintance);
    Poll.until(() -> presenceOf(acquaintance, person).containsKey("lastSeen"), WAIT);
    JsonObject answer = http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/presence?userIds=" + person)
      .putHeader("Authorization", "Bearer " + gateway.token(stranger)).send().await().bodyAsJsonObject();
    assertThat(answer.getJsonObject("presence").containsKey(person)).as("left out, as an unknown id is").isFalse();
  }

  @Test
  void presenceOfMoreUsersThanOneRedisPipelineHoldsIsAnsweredInFull() {
    List<String> many = java.util.stream.IntStream.range(0, 1_500).mapToObj(i -> UUID.randomUUID().toString()).toList();
    RealtimeBridge node = RealtimeBridge.forNode(gateway.vertx(), null, null, null, null);
    JsonObject states = node.presenceOf(many).await();
    assertThat(states.size()).isEqualTo(1_500);
    assertThat(states.getJsonObject(many.get(1_499)).getString("status")).isEqualTo("offline");
  }

  @Test
  void bulkQueryRefusesBadInputAndAnonymousCallers() {
    String viewer = UUID.randomUUID().toString();
    assertThat(http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/presence?userIds=" + viewer).send().await().statusCode()).isEqualTo(401);
    var bad = http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/presence?userIds=not-a-uuid")
      .putHeader("Authorization", "Bearer " + gateway.token(viewer)).send().await();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("request.invalid_parameter");
  }

  private static JsonObject nextPresence(BridgeClient client, String userId) throws InterruptedException {
    JsonObject frame = client.next(f -> isPresenceOf(f, userId), WAIT);
    assertThat(frame).as("presence event of " + userId).isNotNull();
    return frame.getJsonObject("body");
  }

  private static JsonObject nextPresence(BridgeClient client, String userId, String status) throws InterruptedException {
    return client.next(f -> isPresenceOf(f, userId) && status.equals(f.getJsonObject("body").getString("status")), WAIT);
  }

  private static boolean isPresenceOf(JsonObject frame, String userId) {
    JsonObject body = frame.getJsonObject("body");
    return body != null && "presence".equals(body.getString("type")) && userId.equals(body.getString("userId"));
  }

  private static JsonObject presenceOf(String viewer, String userId) {
    JsonObject body = http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/presence?userIds=" + userId)
      .putHeader("Authorization", "Bearer " + gateway.token(viewer)).send().await().bodyAsJsonObject();
    return body.getJsonObject("presence").getJsonObject(userId);
  }

  /** A group the given users share in the database: REST presence shows only people one shares a chat with. */
  private static String sharedChat(String... userIds) {
    UUID chat = UUID.randomUUID();
    database.preparedQuery("""
        INSERT INTO chats (id, type, title, created_by, created_at, last_activity_at, member_count)
        VALUES ($1, 'group', 'presence', $2, now(), now(), $3)""")
      .execute(Tuple.of(chat, UUID.fromString(userIds[0]), userIds.length)).await();
    for (String userId : userIds) {
      database.preparedQuery("""
          INSERT INTO chat_members (chat_id, user_id, role, joined_at, joined_seq) VALUES ($1, $2, 'member', now(), 0)""")
        .execute(Tuple.of(chat, UUID.fromString(userId))).await();
    }
    return chat.toString();
  }

  private static String user(String lastSeenVisibility) {
    UUID id = UUID.randomUUID();
    String name = "p" + id.toString().replace("-", "").substring(0, 12);
    database.preparedQuery("""
        INSERT INTO users (id, username, email, display_name, password_hash, last_seen_visibility)
        VALUES ($1, $2, $3, 'Presence Test', 'x', $4)""")
      .execute(Tuple.of(id, name, name + "@example.org", lastSeenVisibility)).await();
    return id.toString();
  }
}
