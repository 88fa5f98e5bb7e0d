package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static io.parley.chat.ChatFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MembershipTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_MAX_GROUP_MEMBERS, 5).build();

  private static JsonObject member(UUID chatId, User user) {
    return chat(chatId).put("userId", user.id().toString());
  }

  private static String role(User user, UUID chatId) {
    return fixture.call(user, Address.CHAT_GET, chat(chatId)).getString("role");
  }

  private static JsonObject lastSystemMessage(User viewer, UUID chatId) {
    List<JsonObject> history = fixture.history(viewer, chatId);
    return history.get(history.size() - 1).getJsonObject("system");
  }

  @Test
  void addingMembersIsNumberedShownAndPublished() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID chatId = fixture.group(owner, bob);

    JsonObject added = fixture.call(owner, Address.CHAT_MEMBERS_ADD, chat(chatId)
      .put("userIds", new JsonArray().add(carol.id().toString()).add(bob.id().toString())));

    assertThat(added.getLong("seq")).isEqualTo(2);
    assertThat(added.getJsonArray("userIds")).containsExactly(carol.id().toString());
    assertThat(role(carol, chatId)).isEqualTo("member");
    assertThat(lastSystemMessage(carol, chatId).getString("action")).isEqualTo("added");
    JsonObject event = fixture.eventAt(chatId, 2);
    assertThat(event.getString("type")).isEqualTo("chat.member.changed");
    assertThat(event.getJsonObject("payload").getJsonObject("data").getJsonArray("userIds")).containsExactly(carol.id().toString());
    assertThat(fixture.call(owner, Address.CHAT_GET, chat(chatId)).getInteger("memberCount")).isEqualTo(3);
    // Adding people already in changes nothing.
    fixture.call(owner, Address.CHAT_MEMBERS_ADD, chat(chatId).put("userIds", new JsonArray().add(bob.id().toString())));
    assertThat(fixture.lastSeq(chatId)).isEqualTo(2);
  }

  @Test
  void aGroupCannotGrowPastItsLimit() {
    User owner = fixture.user("owner");
    UUID chatId = fixture.group(owner, fixture.user("a"), fixture.user("b"), fixture.user("c"));
    fixture.assertRefused(owner, Address.CHAT_MEMBERS_ADD, chat(chatId).put("userIds", ChatFixture.ids(
      fixture.user("d"), fixture.user("e"))), "chat.too_many_members", 422);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(1);
  }

  @Test
  void aRemovedMemberStopsReadingAndSendingAtOnce() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(owner, bob);
    fixture.send(bob, chatId, "hi all");

    long removedAt = fixture.call(owner, Address.CHAT_MEMBER_REMOVE, member(chatId, bob)).getLong("seq");

    fixture.assertRefused(bob, Address.CHAT_MESSAGE_SEND, text(chatId, "let me back"), "chat.not_found", 404);
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_HISTORY, chat(chatId), "chat.not_found", 404);
    fixture.assertRefused(bob, Address.CHAT_GET, chat(chatId), "chat.not_found", 404);
    fixture.assertRefused(bob, Address.CHAT_READ, chat(chatId).put("seq", 1), "chat.not_found", 404);
    assertThat(fixture.call(bob, Address.CHAT_LIST, new JsonObject()).getJsonArray("items")).isEmpty();
    assertThat(lastSystemMessage(owner, chatId).getString("action")).isEqualTo("removed");
    // The realtime edge asks which chats a connecting user is in: not this one any more.
    assertThat(fixture.call(bob, Address.CHAT_MEMBERSHIPS, new JsonObject()).getJsonArray("chatIds")).isEmpty();
    JsonObject removal = fixture.eventAt(chatId, removedAt).getJsonObject("payload");
    assertThat(removal.getString("change")).isEqualTo("removed");
    assertThat(removal.getJsonArray("userIds")).containsExactly(bob.id().toString());
    // Brought back, they start afresh: a member again, with nothing unread from before.
    fixture.call(owner, Address.CHAT_MEMBERS_ADD, chat(chatId).put("userIds", ChatFixture.ids(bob)));
    assertThat(fixture.call(bob, Address.CHAT_GET, chat(chatId)).getLong("unreadCount")).isZero();
  }

  @Test
  void adminsManageMembersButOnlyTheOwnerManagesAdmins() {
    User owner = fixture.user("owner");
    User admin = fixture.user("admin");
    User other = fixture.user("otheradmin");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(owner, admin, other, bob);
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, member(chatId, admin).put("role", "admin"));
    fixture.call(admin, Address.CHAT_MEMBER_ROLE, member(chatId, other).put("role", "admin"));
    assertThat(role(other, chatId)).isEqualTo("admin");
    assertThat(lastSystemMessage(bob, chatId)).isEqualTo(new JsonObject().put("action", "role_changed")
      .put("userIds", new JsonArray().add(other.id().toString())).put("role", "admin"));

    fixture.assertRefused(admin, Address.CHAT_MEMBER_ROLE, member(chatId, other).put("role", "member"), "chat.not_allowed", 403);
    fixture.assertRefused(admin, Address.CHAT_MEMBER_REMOVE, member(chatId, other), "chat.not_allowed", 403);
    fixture.assertRefused(admin, Address.CHAT_MEMBER_REMOVE, member(chatId, owner), "chat.owner_immutable", 422);
    fixture.assertRefused(owner, Address.CHAT_MEMBER_ROLE, member(chatId, owner).put("role", "member"), "chat.owner_immutable", 422);
    fixture.assertRefused(bob, Address.CHAT_MEMBER_ROLE, member(chatId, bob).put("role", "admin"), "chat.not_allowed", 403);
    fixture.assertRefused(owner, Address.CHAT_MEMBER_ROLE, member(chatId, bob).put("role", "owner"), "request.invalid", 400);
    fixture.call(admin, Address.CHAT_MEMBER_REMOVE, member(chatId, bob));
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, member(chatId, other).put("role", "member"));
    assertThat(role(other, chatId)).isEqualTo("member");
  }

  @Test
  void theOwnerTransfersOwnershipAndBecomesAnAdmin() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(owner, bob);

    fixture.assertRefused(bob, Address.CHAT_OWNER_TRANSFER, member(chatId, bob), "chat.not_allowed", 403);
    fixture.call(owner, Address.CHAT_OWNER_TRANSFER, member(chatId, bob));

    assertThat(role(bob, chatId)).isEqualTo("owner");
    assertThat(role(owner, chatId)).isEqualTo("admin");
    assertThat(lastSystemMessage(bob, chatId).getString("action")).isEqualTo("ownership_transferred");
    fixture.assertRefused(bob, Address.CHAT_OWNER_TRANSFER, member(chatId, fixture.user("stranger")),
      "chat.member_not_found", 404);
  }

  @Test
  void aLeavingOwnerHandsTheChatToTheOldestAdminElseTheOldestMember() {
    User owner = fixture.user("owner");
    User early = fixture.user("early");
    User late = fixture.user("late");
    UUID chatId = fixture.group(owner, early);
    fixture.call(owner, Address.CHAT_MEMBERS_ADD, chat(chatId).put("userIds", ChatFixture.ids(late)));
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, member(chatId, late).put("role", "admin"));

    fixture.call(owner, Address.CHAT_LEAVE, chat(chatId));
    assertThat(role(late, chatId)).isEqualTo("owner");
    assertThat(lastSystemMessage(late, chatId)).isEqualTo(new JsonObject().put("action", "left")
      .put("userIds", new JsonArray().add(owner.id().toString())).put("newOwnerId", late.id().toString()));

    // Without admins, the oldest member inherits; leaving by removing oneself works too.
    fixture.call(late, Address.CHAT_MEMBER_REMOVE, member(chatId, late));
    assertThat(role(early, chatId)).isEqualTo("owner");
    assertThat(fixture.call(early, Address.CHAT_GET, chat(chatId)).getInteger("memberCount")).isEqualTo(1);
  }

  @Test
  void directChatsKeepTheirTwoPeople() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    fixture.assertRefused(alice, Address.CHAT_LEAVE, chat(chatId), "chat.direct_fixed", 422);
    fixture.assertRefused(alice, Address.CHAT_MEMBERS_ADD, chat(chatId).put("userIds", ChatFixture.ids(fixture.user("c"))),
      "chat.direct_fixed", 422);
    fixture.assertRefused(alice, Address.CHAT_MEMBER_REMOVE, member(chatId, bob), "chat.direct_fixed", 422);
    fixture.assertRefused(alice, Address.CHAT_UPDATE, chat(chatId).put("title", "us"), "chat.direct_fixed", 422);
  }

  @Test
  void adminsEditTheTitleAndEveryoneSeesIt() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(owner, bob);

    JsonObject updated = fixture.call(owner, Address.CHAT_UPDATE, chat(chatId).put("title", "Renamed").put("description", "about"));

    assertThat(updated.getString("title")).isEqualTo("Renamed");
    assertThat(fixture.call(bob, Address.CHAT_GET, chat(chatId)).getString("description")).isEqualTo("about");
    assertThat(lastSystemMessage(bob, chatId).getString("title")).isEqualTo("Renamed");
    fixture.assertRefused(bob, Address.CHAT_UPDATE, chat(chatId).put("title", "Mine"), "chat.not_allowed", 403);
    fixture.assertRefused(owner, Address.CHAT_UPDATE, chat(chatId).put("title", ""), "chat.invalid_title", 422);
  }

  @Test
  void anyoneJoinsAPublicChannelButAPrivateOneLooksAbsent() {
    User owner = fixture.user("owner");
    User reader = fixture.user("reader");
    UUID open = UUID.fromString(fixture.call(owner, Address.CHAT_CREATE, new JsonObject().put("type", "channel")
      .put("title", "News").put("public", true)).getString("id"));
    UUID closed = fixture.channel(owner);

    JsonObject joined = fixture.call(reader, Address.CHAT_JOIN, chat(open));
    fixture.call(reader, Address.CHAT_JOIN, chat(open));

    assertThat(joined.getString("role")).isEqualTo("member");
    assertThat(fixture.lastSeq(open)).isEqualTo(2);
    fixture.assertRefused(reader, Address.CHAT_JOIN, chat(closed), "chat.not_found", 404);
    fixture.assertRefused(reader, Address.CHAT_MEMBERS, chat(open), "chat.not_allowed", 403);
    assertThat(fixture.call(owner, Address.CHAT_MEMBERS, chat(open)).getJsonArray("items")).hasSize(2);
  }
}
