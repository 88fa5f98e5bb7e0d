package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EditDeleteTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  private static JsonObject edit(UUID chatId, long seq, String text) {
    return chat(chatId).put("seq", seq).put("text", text);
  }

  private static JsonObject delete(UUID chatId, long seq, String scope) {
    return chat(chatId).put("seq", seq).put("scope", scope);
  }

  @Test
  void theSenderEditsTheirTextAndItIsMarkedEdited() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    long seq = fixture.send(alice, chatId, "helo").getLong("seq");

    JsonObject edited = fixture.call(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, "hello @" + bob.username()));

    assertThat(edited.getString("text")).isEqualTo("hello @" + bob.username());
    assertThat(edited.getString("editedAt")).isNotNull();
    assertThat(edited.getJsonArray("mentions")).containsExactly(bob.id().toString());
    assertThat(fixture.history(bob, chatId)).last().isEqualTo(edited);
    JsonObject event = fixture.eventAt(chatId, seq + 1).getJsonObject("payload");
    assertThat(event.getString("type")).isEqualTo("message.edited");
    assertThat(event.getLong("seq")).isEqualTo(seq + 1);
    assertThat(event.getLong("messageSeq")).isEqualTo(seq);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(seq + 1);
  }

  @Test
  void editingRefusalsChangeNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User mallory = fixture.user("mallory");
    UUID chatId = fixture.group(alice, bob);
    long seq = fixture.send(alice, chatId, "mine").getLong("seq");
    long before = fixture.lastSeq(chatId);

    fixture.assertRefused(bob, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, "yours now"), "message.not_sender", 403);
    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, "hijack"), "chat.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, 1, "system"), "message.not_editable", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, 999, "nothing"), "message.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, " "), "message.invalid_text", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, "hi @stranger"), "message.mention_not_member", 422);
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, delete(chatId, seq, "everyone"));
    long afterDelete = fixture.lastSeq(chatId);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_EDIT, edit(chatId, seq, "undelete"), "message.not_editable", 422);

    assertThat(before + 1).isEqualTo(afterDelete);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(afterDelete);
  }

  @Test
  void deleteForEveryoneLeavesATombstoneWithoutContent() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    long seq = fixture.send(alice, chatId, "oops, wrong chat").getLong("seq");

    JsonObject deleted = fixture.call(alice, Address.CHAT_MESSAGE_DELETE, delete(chatId, seq, "everyone"));

    assertThat(deleted.getLong("messageSeq")).isEqualTo(seq);
    JsonObject tombstone = fixture.history(bob, chatId).get(0);
    assertThat(tombstone.getLong("seq")).isEqualTo(seq);
    assertThat(tombstone.getBoolean("deleted")).isTrue();
    assertThat(tombstone.containsKey("text")).isFalse();
    assertThat(fixture.scalar("SELECT text FROM messages WHERE chat_id = $1 AND seq = $2", chatId, seq)).isNull();
    assertThat(fixture.call(bob, Address.CHAT_GET, chat(chatId)).getJsonObject("lastMessage").getBoolean("deleted")).isTrue();
    assertThat(fixture.call(bob, Address.CHAT_GET, chat(chatId)).getLong("unreadCount")).isZero();
  }

  @Test
  void onlyTheSenderOrAGroupAdminDeletesForEveryone() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID groupId = fixture.group(owner, bob, carol);
    long bobs = fixture.send(bob, groupId, "spam").getLong("seq");
    long carols = fixture.send(carol, groupId, "fine").getLong("seq");

    fixture.assertRefused(carol, Address.CHAT_MESSAGE_DELETE, delete(groupId, bobs, "everyone"), "message.not_sender", 403);
    fixture.call(owner, Address.CHAT_MESSAGE_DELETE, delete(groupId, bobs, "everyone"));
    fixture.assertRefused(owner, Address.CHAT_MESSAGE_DELETE, delete(groupId, bobs, "everyone"), "message.not_deletable", 422);
    fixture.assertRefused(owner, Address.CHAT_MESSAGE_DELETE, delete(groupId, 1, "everyone"), "message.not_deletable", 422);
    fixture.assertRefused(owner, Address.CHAT_MESSAGE_DELETE, delete(groupId, carols, "later"), "request.invalid", 400);

    User alice = fixture.user("alice");
    UUID directId = fixture.direct(alice, bob);
    long alices = fixture.send(alice, directId, "mine").getLong("seq");
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_DELETE, delete(directId, alices, "everyone"), "message.not_sender", 403);
  }

  @Test
  void deleteForMeHidesTheMessageFromMeOnly() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    long first = fixture.send(bob, chatId, "first").getLong("seq");
    long second = fixture.send(bob, chatId, "second").getLong("seq");
    long before = fixture.lastSeq(chatId);

    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, delete(chatId, second, "me"));

    assertThat(fixture.history(alice, chatId)).extracting(message -> message.getLong("seq")).containsExactly(first);
    assertThat(fixture.history(bob, chatId)).extracting(message -> message.getLong("seq")).containsExactly(first, second);
    JsonObject forAlice = fixture.call(alice, Address.CHAT_GET, chat(chatId));
    assertThat(forAlice.getJsonObject("lastMessage").getString("text")).isEqualTo("first");
    assertThat(forAlice.getLong("unreadCount")).isEqualTo(1);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(before);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_DELETE, delete(chatId, second, "me"), "message.not_found", 404);
  }
}
