package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.shared.Address;
import io.parley.testkit.BridgeClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.parley.shared.infra.Connections;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moderation across the services of one node: the first admin made by the operator command, a
 * member's report of a message with its context, the moderator's delete reaching every member's
 * open device as the same change, a suspension closing the user's open socket at once,
 * announcements to everyone online, and a user's data export.
 */
class ModerationFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final TestCluster single = TestCluster.single().build();
  private static Node node;
  private static Api api;
  private static Account admin;
  private static Account moderator;
  private static Pool db;

  @BeforeAll
  static void staff() {
    node = single.member(0);
    api = new Api(single.vertx(), node.httpPort());
    db = Connections.postgres(single.vertx(), node.config());
    admin = api.register("operator");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThat(AdminCommand.run(node.config(), List.of("create", admin.username()), new PrintStream(printed, true, StandardCharsets.UTF_8)))
      .as(printed.toString(StandardCharsets.UTF_8)).isZero();
    moderator = api.register("moderator");
    assertThat(api.call(HttpMethod.PUT, "/api/v1/admin/users/" + moderator.id() + "/roles/moderator", admin.token(), null).status())
      .isEqualTo(204);
  }

  @Test
  void theOperatorCommandRefusesAnUnknownAccountAndBadUsage() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    assertThat(AdminCommand.run(node.config(), List.of("create", "nobody_" + UUID.randomUUID().toString().substring(0, 8)), quiet))
      .isEqualTo(1);
    assertThat(AdminCommand.run(node.config(), List.of("delete", admin.username()), quiet)).isEqualTo(2);
    assertThat(api.get("/api/v1/me", admin.token()).body().getJsonArray("roles")).containsExactly("admin");
    // Made twice, still one admin role and one audit entry.
    assertThat(AdminCommand.run(node.config(), List.of("create", admin.username() + "@example.org"), quiet)).isZero();
    assertThat(count("SELECT count(*) FROM audit_log WHERE user_id = $1 AND event = 'admin.role_granted'", admin.id())).isEqualTo(1);
  }

  @Test
  void aReportedMessageTheModeratorRemovesVanishesOnEveryMembersDevice() throws Exception {
    Account alice = api.register("alice");
    Account bob = api.register("bob");
    Account carol = api.register("carol");
    String chat = api.group(alice, List.of(bob, carol));
    api.send(alice, chat, "hello all");
    long rude = api.send(bob, chat, "something rude");
    Users users = new Users(single.vertx());
    try (BridgeClient reporterDevice = users.connect(node, new Users.User(alice.id(), alice.token()));
         BridgeClient otherDevice = users.connect(node, new Users.User(carol.id(), carol.token()))) {
      Reply outsider = api.post("/api/v1/reports", moderator.token(), new JsonObject().put("subject", "message")
        .put("chatId", chat).put("seq", rude).put("reason", "harassment"));
      assertThat(outsider.status()).as("nobody reports what they cannot see").isEqualTo(404);

      Reply reported = api.post("/api/v1/reports", alice.token(), new JsonObject().put("subject", "message")
        .put("chatId", chat).put("seq", rude).put("reason", "harassment").put("note", "not ok"));
      assertThat(reported.status()).as(reported.text()).isEqualTo(201);
      String reportId = reported.body().getString("id");

      JsonObject queued = api.get("/api/v1/moderation/reports?limit=100", moderator.token()).body().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(item -> reportId.equals(item.getString("id"))).findFirst().orElseThrow();
      assertThat(queued.getJsonObject("excerpt").getJsonObject("message").getString("text")).isEqualTo("something rude");
      assertThat(texts(queued.getJsonObject("excerpt").getJsonArray("before"))).contains("hello all");
      assertThat(queued.getJsonObject("target").getString("id")).isEqualTo(bob.id());

      Reply removed = api.post("/api/v1/moderation/reports/" + reportId + "/actions", moderator.token(),
        new JsonObject().put("action", "delete_message").put("reason", "Harassment is not allowed"));
      assertThat(removed.status()).as(removed.text()).isEqualTo(200);
      assertThat(removed.body().getString("status")).isEqualTo("resolved");

      for (BridgeClient device : List.of(reporterDevice, otherDevice)) {
        JsonObject frame = device.next(f -> Address.CLIENT_EVENTS.equals(f.getString("address"))
          && "message.deleted".equals(f.getJsonObject("body").getString("type")), WAIT);
        assertThat(frame).as("the deletion reaches every member's device").isNotNull();
        JsonObject payload = frame.getJsonObject("body").getJsonObject("payload");
        assertThat(payload.getLong("messageSeq")).isEqualTo(rude);
        assertThat(payload.getJsonObject("message").getBoolean("deleted")).isTrue();
      }
    }
    JsonObject tombstone = api.get("/api/v1/chats/" + chat + "/messages", bob.token()).body().getJsonArray("items").stream()
      .map(JsonObject.class::cast).filter(m -> m.getLong("seq") == rude).findFirst().orElseThrow();
    assertThat(tombstone.getBoolean("deleted")).isTrue();
    assertThat(tombstone.containsKey("text")).isFalse();
    JsonObject audit = auditDetails(bob.id(), "moderation.delete_message");
    assertThat(audit.getString("by")).isEqualTo(moderator.id());
    assertThat(audit.getString("reason")).isEqualTo("Harassment is not allowed");
    assertThat(audit.getLong("seq")).isEqualTo(rude);
  }

  @Test
  void noBrowserReachesTheServiceOnlyModerationAddresses() throws Exception {
    Account mallory = api.register("mallory");
    Account victim = api.register("victim");
    String chat = api.group(victim, List.of(mallory));
    long seq = api.send(victim, chat, "not yours to delete");
    Users.User me = new Users.User(mallory.id(), mallory.token());
    try (BridgeClient device = new Users(single.vertx()).connect(node, me)) {
      for (String address : List.of(Address.CHAT_MODERATION_DELETE, Address.MODERATION_USER_ACT, Address.ADMIN_ROLE_GRANT)) {
        device.send(address, new JsonObject().put("chatId", chat).put("seq", seq).put("userId", mallory.id()).put("role", "admin")
          .put("action", "ban").put("reason", "x"), Users.auth(me), "reply-" + address);
        JsonObject refused = device.nextError(WAIT);
        assertThat(refused).as(address).isNotNull();
        assertThat(refused.getString("body")).as(address).isEqualTo("access_denied");
      }
    }
    assertThat(api.get("/api/v1/chats/" + chat + "/messages", victim.token()).body().getJsonArray("items").stream()
      .map(JsonObject.class::cast).filter(m -> m.getLong("seq") == seq).findFirst().orElseThrow().getBoolean("deleted")).isFalse();
    assertThat(api.get("/api/v1/me", mallory.token()).body().getJsonArray("roles")).isEmpty();
  }

  @Test
  void aSuspendedUsersOpenSocketClosesAtOnce() throws Exception {
    Account dave = api.register("dave");
    Users users = new Users(single.vertx());
    try (BridgeClient device = users.connect(node, new Users.User(dave.id(), dave.token()))) {
      Reply suspended = api.post("/api/v1/moderation/users/" + dave.id() + "/actions", moderator.token(),
        new JsonObject().put("action", "suspend").put("hours", 2).put("reason", "Cooling off"));
      assertThat(suspended.status()).as(suspended.text()).isEqualTo(200);
      JsonObject closed = device.next(frame -> "err".equals(frame.getString("type")), WAIT);
      assertThat(closed).isNotNull();
      assertThat(closed.getString("body")).isEqualTo("session_revoked");
    }
    assertThat(api.login(dave.username(), Users.PASSWORD).errorCode()).isEqualTo("auth.account_suspended");
    assertThat(api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", dave.refreshToken())).errorCode())
      .isEqualTo("auth.refresh_invalid");
  }

  @Test
  void anAnnouncementReachesEveryoneOnlineAndOnlyAdminsMakeOne() throws Exception {
    Account erin = api.register("erin");
    try (BridgeClient device = new Users(single.vertx()).connect(node, new Users.User(erin.id(), erin.token()))) {
      device.register(Address.CLIENT_ANNOUNCEMENTS, Users.auth(new Users.User(erin.id(), erin.token())));
      Reply refused = api.post("/api/v1/admin/announcements", moderator.token(), new JsonObject().put("text", "I am in charge"));
      assertThat(refused.status()).isEqualTo(403);
      String text = "Maintenance at 22:00 UTC " + UUID.randomUUID();
      Reply published = api.post("/api/v1/admin/announcements", admin.token(), new JsonObject().put("text", text));
      assertThat(published.status()).as(published.text()).isEqualTo(201);
      JsonObject notice = device.nextMessage(Address.CLIENT_ANNOUNCEMENTS, WAIT);
      assertThat(notice).isNotNull();
      assertThat(notice.getJsonObject("body").getString("text")).isEqualTo(text);
    }
    assertThat(api.post("/api/v1/admin/announcements", admin.token(), new JsonObject().put("text", "")).errorCode())
      .isEqualTo("request.invalid");
  }

  @Test
  void aUserDownloadsTheirProfileChatsAndOwnMessages() {
    Account frank = api.register("frank");
    Account grace = api.register("grace");
    String chat = api.group(frank, List.of(grace));
    api.send(frank, chat, "mine");
    api.send(grace, chat, "hers");

    Reply export = api.get("/api/v1/me/export", frank.token());
    assertThat(export.status()).as(export.text()).isEqualTo(200);
    assertThat(export.body().getJsonObject("profile").getString("id")).isEqualTo(frank.id());
    assertThat(export.body().getJsonArray("chats").stream().map(c -> ((JsonObject) c).getString("id")).toList()).contains(chat);
    assertThat(texts(export.body().getJsonArray("messages"))).containsExactly("mine");
    assertThat(export.raw().getHeader("Content-Type")).startsWith("application/json");
  }

  private static List<String> texts(JsonArray messages) {
    return messages.stream().map(m -> ((JsonObject) m).getString("text")).toList();
  }

  private static long count(String sql, String userId) {
    return db.preparedQuery(sql).execute(Tuple.of(UUID.fromString(userId))).await().iterator().next().getLong(0);
  }

  private static JsonObject auditDetails(String userId, String event) {
    return db.preparedQuery("SELECT details FROM audit_log WHERE user_id = $1 AND event = $2")
      .execute(Tuple.of(UUID.fromString(userId), event)).await().iterator().next().getJsonObject("details");
  }
}
