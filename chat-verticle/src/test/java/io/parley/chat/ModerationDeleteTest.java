package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the moderation service asks of chats: the reported message with its neighbours, only for
 * someone who can see it, and a deletion for everyone by a moderator who is no member, through the
 * same tombstone and numbered change as the sender's own delete.
 */
class ModerationDeleteTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  @Test
  void aMemberGetsTheReportedMessageWithItsNeighboursAndAnOutsiderNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User outsider = fixture.user("outsider");
    UUID group = fixture.group(alice, bob);
    for (int i = 1; i <= 5; i++) {
      fixture.send(i % 2 == 0 ? alice : bob, group, "line " + i);
    }
    long reported = fixture.send(bob, group, "the rude one").getLong("seq");
    fixture.send(alice, group, "after 1");

    JsonObject excerpt = fixture.call(alice, Address.CHAT_MODERATION_EXCERPT, chat(group).put("seq", reported));
    assertThat(excerpt.getJsonObject("message").getString("text")).isEqualTo("the rude one");
    assertThat(excerpt.getJsonObject("message").getString("senderId")).isEqualTo(bob.id().toString());
    assertThat(excerpt.getJsonArray("before").stream().map(m -> ((JsonObject) m).getString("text")).toList())
      .containsExactly("line 3", "line 4", "line 5");
    assertThat(excerpt.getJsonArray("after").stream().map(m -> ((JsonObject) m).getString("text")).toList())
      .containsExactly("after 1");

    fixture.assertRefused(outsider, Address.CHAT_MODERATION_EXCERPT, chat(group).put("seq", reported), "chat.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_MODERATION_EXCERPT, chat(group).put("seq", 9_999), "message.not_found", 404);
  }

  @Test
  void aModeratorWhoIsNoMemberDeletesForEveryoneOnceAndEveryMemberSeesTheTombstone() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User moderator = fixture.user("moderator");
    UUID group = fixture.group(alice, bob);
    long seq = fixture.send(bob, group, "remove me").getLong("seq");

    JsonObject deleted = fixture.call(moderator, Address.CHAT_MODERATION_DELETE, chat(group).put("seq", seq).put("reason", "spam"));
    assertThat(deleted.getBoolean("deleted")).isTrue();
    long change = deleted.getLong("seq");
    assertThat(fixture.lastSeq(group)).isEqualTo(change);

    for (User member : List.of(alice, bob)) {
      JsonObject tombstone = fixture.history(member, group).stream().filter(m -> m.getLong("seq") == seq).findFirst().orElseThrow();
      assertThat(tombstone.getBoolean("deleted")).isTrue();
      assertThat(tombstone.getString("text")).isNull();
    }
    JsonObject event = fixture.eventAt(group, change).getJsonObject("payload");
    assertThat(event.getString("type")).isEqualTo("message.deleted");
    assertThat(event.getString("actorId")).isEqualTo(moderator.id().toString());
    assertThat(event.getJsonObject("data").getString("removedBy")).isEqualTo("moderation");
    assertThat(event.getJsonObject("data").containsKey("reason")).as("the reason stays in the audit log").isFalse();

    // Again: nothing more to delete, no change recorded.
    assertThat(fixture.call(moderator, Address.CHAT_MODERATION_DELETE, chat(group).put("seq", seq).put("reason", "again"))
      .getBoolean("deleted")).isFalse();
    assertThat(fixture.lastSeq(group)).isEqualTo(change);
  }
}
