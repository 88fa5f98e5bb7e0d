package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.error.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InviteTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  private static String invite(User by, UUID chatId, JsonObject options) {
    return fixture.call(by, Address.CHAT_INVITE_CREATE, chat(chatId).mergeIn(options)).getString("token");
  }

  private static JsonObject token(String token) {
    return new JsonObject().put("token", token);
  }

  @Test
  void adminsCreateLinksThatAnyoneSignedInPreviewsAndJoinsThrough() {
    User owner = fixture.user("owner");
    User admin = fixture.user("admin");
    User stranger = fixture.user("stranger");
    UUID group = fixture.group(owner, admin);
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, chat(group).put("userId", admin.id().toString()).put("role", "admin"));
    long before = fixture.lastSeq(group);

    JsonObject created = fixture.call(admin, Address.CHAT_INVITE_CREATE, chat(group).put("maxUses", 5));
    String token = created.getString("token");

    assertThat(token).matches("[A-Za-z0-9_-]{22}");
    assertThat(created.getString("state")).isEqualTo("active");
    assertThat(created.getInteger("maxUses")).isEqualTo(5);
    assertThat(fixture.lastSeq(group)).isEqualTo(before + 1);
    JsonObject createdEvent = fixture.eventAt(group, before + 1);
    assertThat(createdEvent.getString("type")).isEqualTo("chat.invite.changed");
    assertThat(createdEvent.getJsonObject("payload").getJsonObject("data").getString("action")).isEqualTo("created");
    assertThat(createdEvent.encode()).as("members see that a link exists, not the link").doesNotContain(token);
    assertThat(fixture.history(owner, group).get(fixture.history(owner, group).size() - 1).getJsonObject("system")
      .getString("inviteId")).isEqualTo(created.getString("id"));

    JsonObject preview = fixture.call(stranger, Address.CHAT_INVITE_PREVIEW, token(token));
    assertThat(preview.fieldNames()).containsExactlyInAnyOrder("title", "type", "memberCount");
    assertThat(preview.getString("type")).isEqualTo("group");
    assertThat(preview.getInteger("memberCount")).isEqualTo(2);

    JsonObject joined = fixture.call(stranger, Address.CHAT_INVITE_JOIN, token(token));
    assertThat(joined.getString("id")).isEqualTo(group.toString());
    assertThat(joined.getString("role")).isEqualTo("member");
    JsonObject event = fixture.eventAt(group, before + 2).getJsonObject("payload");
    assertThat(event.getString("type")).isEqualTo("chat.member.changed");
    assertThat(event.getString("change")).isEqualTo("joined");
    assertThat(event.getJsonArray("userIds")).containsExactly(stranger.id().toString());
    assertThat(event.getJsonObject("message").getString("kind")).isEqualTo("system");
    fixture.send(stranger, group, "thanks for the link");

    // Joining again changes nothing and does not use the link up.
    fixture.call(stranger, Address.CHAT_INVITE_JOIN, token(token));
    assertThat(fixture.lastSeq(group)).isEqualTo(before + 3);
    JsonObject listed = fixture.call(owner, Address.CHAT_INVITES, chat(group)).getJsonArray("items").getJsonObject(0);
    assertThat(listed.getString("token")).isEqualTo(token);
    assertThat(listed.getInteger("uses")).isEqualTo(1);
  }

  @Test
  void onlyOwnerAndAdminsCreateListAndRevokeLinks() {
    User owner = fixture.user("owner");
    User member = fixture.user("member");
    User outsider = fixture.user("outsider");
    UUID group = fixture.group(owner, member);
    String token = invite(owner, group, new JsonObject());
    long before = fixture.lastSeq(group);

    fixture.assertRefused(member, Address.CHAT_INVITE_CREATE, chat(group), "chat.not_allowed", 403);
    fixture.assertRefused(member, Address.CHAT_INVITES, chat(group), "chat.not_allowed", 403);
    fixture.assertRefused(member, Address.CHAT_INVITE_REVOKE, chat(group).put("token", token), "chat.not_allowed", 403);
    fixture.assertRefused(outsider, Address.CHAT_INVITE_CREATE, chat(group), "chat.not_found", 404);
    fixture.assertRefused(outsider, Address.CHAT_INVITE_REVOKE, chat(group).put("token", token), "chat.not_found", 404);
    fixture.assertRefused(owner, Address.CHAT_INVITE_CREATE, chat(fixture.direct(owner, member)), "chat.direct_fixed", 422);
    // A token of another chat, even one the caller runs, is not this chat's.
    UUID other = fixture.group(owner);
    fixture.assertRefused(owner, Address.CHAT_INVITE_REVOKE, chat(other).put("token", token), "invite.not_found", 404);

    assertThat(fixture.lastSeq(group)).isEqualTo(before);
    assertThat(fixture.call(outsider, Address.CHAT_INVITE_PREVIEW, token(token)).getString("type")).isEqualTo("group");
  }

  @Test
  void aMemberReusingAUsedUpOrRevokedLinkGetsTheChatAndUsesNothing() {
    User owner = fixture.user("owner");
    User first = fixture.user("first");
    UUID group = fixture.group(owner);
    String once = invite(owner, group, new JsonObject().put("maxUses", 1));
    fixture.call(first, Address.CHAT_INVITE_JOIN, token(once));
    long joined = fixture.lastSeq(group);

    assertThat(fixture.call(first, Address.CHAT_INVITE_JOIN, token(once)).getString("id")).as("used up, but first is in")
      .isEqualTo(group.toString());
    fixture.call(owner, Address.CHAT_INVITE_REVOKE, chat(group).put("token", once));
    assertThat(fixture.call(first, Address.CHAT_INVITE_JOIN, token(once)).getString("id")).as("revoked, but first is in")
      .isEqualTo(group.toString());
    assertThat(fixture.lastSeq(group)).as("only the revocation was written").isEqualTo(joined + 1);
  }

  @Test
  void unknownRevokedExpiredAndUsedUpLinksAreRefusedWithStableCodes() throws InterruptedException {
    User owner = fixture.user("owner");
    User first = fixture.user("first");
    User second = fixture.user("second");
    UUID group = fixture.group(owner);

    fixture.assertRefused(first, Address.CHAT_INVITE_PREVIEW, token("AAAAAAAAAAAAAAAAAAAAAA"), "invite.not_found", 404);
    fixture.assertRefused(first, Address.CHAT_INVITE_JOIN, token("AAAAAAAAAAAAAAAAAAAAAA"), "invite.not_found", 404);
    fixture.assertRefused(first, Address.CHAT_INVITE_JOIN, token("../../etc/passwd"), "invite.not_found", 404);
    fixture.assertRefused(first, Address.CHAT_INVITE_JOIN, new JsonObject(), "invite.not_found", 404);

    String once = invite(owner, group, new JsonObject().put("maxUses", 1));
    fixture.call(first, Address.CHAT_INVITE_JOIN, token(once));
    fixture.assertRefused(second, Address.CHAT_INVITE_JOIN, token(once), "invite.used_up", 410);
    fixture.assertRefused(second, Address.CHAT_INVITE_PREVIEW, token(once), "invite.used_up", 410);

    String revoked = invite(owner, group, new JsonObject());
    long beforeRevoke = fixture.lastSeq(group);
    assertThat(fixture.call(owner, Address.CHAT_INVITE_REVOKE, chat(group).put("token", revoked)).getString("state"))
      .isEqualTo("revoked");
    assertThat(fixture.eventAt(group, beforeRevoke + 1).getJsonObject("payload").getJsonObject("data").getString("action"))
      .isEqualTo("revoked");
    fixture.call(owner, Address.CHAT_INVITE_REVOKE, chat(group).put("token", revoked));
    assertThat(fixture.lastSeq(group)).as("revoking twice is one change").isEqualTo(beforeRevoke + 1);
    fixture.assertRefused(second, Address.CHAT_INVITE_JOIN, token(revoked), "invite.revoked", 410);
    fixture.assertRefused(second, Address.CHAT_INVITE_PREVIEW, token(revoked), "invite.revoked", 410);

    Instant expiry = Instant.now().plusMillis(1200);
    String expiring = invite(owner, group, new JsonObject().put("expiresAt", expiry.toString()));
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 100);
    fixture.assertRefused(second, Address.CHAT_INVITE_JOIN, token(expiring), "invite.expired", 410);

    long before = fixture.lastSeq(group);
    fixture.assertRefused(owner, Address.CHAT_INVITE_CREATE, chat(group).put("expiresAt", "2001-01-01T00:00:00Z"),
      "request.invalid", 400);
    fixture.assertRefused(owner, Address.CHAT_INVITE_CREATE, chat(group).put("maxUses", 0), "request.invalid_parameter", 400);
    assertThat(fixture.lastSeq(group)).isEqualTo(before);
    assertThat(fixture.call(owner, Address.CHAT_MEMBERS, chat(group)).getJsonArray("items")).hasSize(2);
    assertThat(fixture.call(owner, Address.CHAT_INVITES, chat(group)).getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("state"))).containsExactly("expired", "revoked", "used_up");
  }

  @Test
  void concurrentJoinsNeverUseALinkMoreThanItAllows() {
    User owner = fixture.user("owner");
    UUID group = fixture.group(owner);
    String token = invite(owner, group, new JsonObject().put("maxUses", 3));
    List<User> crowd = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      crowd.add(fixture.user("crowd"));
    }

    List<Future<String>> outcomes = crowd.stream().map(user -> fixture.request(user, Address.CHAT_INVITE_JOIN, token(token))
      .map(reply -> "joined")
      .recover(failure -> Future.succeededFuture(BusErrors.fromReply((ReplyException) failure).errorCode().code())))
      .toList();
    Future.all(outcomes).await();

    assertThat(outcomes.stream().map(Future::result).filter("joined"::equals)).hasSize(3);
    assertThat(outcomes.stream().map(Future::result).filter(code -> !code.equals("joined")).distinct())
      .containsExactly("invite.used_up");
    assertThat(fixture.count("SELECT member_count FROM chats WHERE id = $1", group)).isEqualTo(4);
    assertThat(fixture.count("SELECT uses FROM chat_invites WHERE token = $1", token)).isEqualTo(3);
    long last = fixture.lastSeq(group);
    List<Long> seqs = fixture.pool().preparedQuery("SELECT seq FROM chat_changes WHERE chat_id = $1 ORDER BY seq")
      .execute(io.vertx.sqlclient.Tuple.of(group)).await().stream().map(row -> row.getLong("seq")).toList();
    assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
  }

  @Test
  void aPrivateChannelIsJoinedByItsLinkButNotFreelyAndFollowersStillDoNotPost() {
    User owner = fixture.user("owner");
    User reader = fixture.user("reader");
    UUID channel = fixture.channel(owner);
    String token = invite(owner, channel, new JsonObject());

    fixture.assertRefused(reader, Address.CHAT_JOIN, chat(channel), "chat.not_found", 404);
    fixture.call(reader, Address.CHAT_INVITE_JOIN, token(token));

    assertThat(fixture.history(reader, channel)).isNotEmpty();
    fixture.assertRefused(reader, Address.CHAT_MESSAGE_SEND, ChatFixture.text(channel, "may I?"), "chat.not_allowed", 403);
    assertThat(Set.copyOf(fixture.call(owner, Address.CHAT_MEMBERS, chat(channel)).getJsonArray("items").stream()
      .map(item -> ((JsonObject) item).getString("userId")).toList())).contains(reader.id().toString());
  }
}
