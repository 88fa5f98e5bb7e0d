package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static io.parley.chat.ChatFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reactions, pins, threads, forwarding and search (the media gallery is in MediaMessagesTest). */
class MessageExtrasTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  private static JsonObject react(UUID chatId, long seq, String emoji) {
    return chat(chatId).put("seq", seq).put("emoji", emoji);
  }

  @Test
  void reactionsToggleAndShowCountsAndWhoReacted() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID chatId = fixture.group(alice, bob, carol);
    long seq = fixture.send(alice, chatId, "party tonight").getLong("seq");

    JsonObject first = fixture.call(bob, Address.CHAT_MESSAGE_REACT, react(chatId, seq, "🎉"));
    fixture.call(carol, Address.CHAT_MESSAGE_REACT, react(chatId, seq, "🎉"));
    fixture.call(carol, Address.CHAT_MESSAGE_REACT, react(chatId, seq, "👍🏽"));
    JsonObject takenBack = fixture.call(bob, Address.CHAT_MESSAGE_REACT, react(chatId, seq, "🎉"));

    assertThat(first.getString("type")).isEqualTo("reaction.changed");
    assertThat(first.getJsonObject("data")).isEqualTo(new JsonObject().put("emoji", "🎉").put("userId", bob.id().toString())
      .put("added", true).put("count", 1L));
    assertThat(takenBack.getJsonObject("data").getBoolean("added")).isFalse();
    assertThat(takenBack.getLong("seq")).isEqualTo(seq + 4);
    JsonArray who = fixture.call(alice, Address.CHAT_MESSAGE_REACTIONS, chat(chatId).put("seq", seq)).getJsonArray("items");
    assertThat(who).containsExactly(
      new JsonObject().put("emoji", "🎉").put("count", 1).put("userIds", new JsonArray().add(carol.id().toString())),
      new JsonObject().put("emoji", "👍🏽").put("count", 1).put("userIds", new JsonArray().add(carol.id().toString())));
    JsonObject inHistory = fixture.history(carol, chatId).stream().filter(m -> m.getLong("seq") == seq).findFirst().orElseThrow();
    assertThat(inHistory.getJsonArray("reactions")).containsExactly(
      new JsonObject().put("emoji", "🎉").put("count", 1).put("mine", true),
      new JsonObject().put("emoji", "👍🏽").put("count", 1).put("mine", true));
  }

  @Test
  void aReactionIsOneEmojiOnALiveMessage() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    long seq = fixture.send(alice, chatId, "hi").getLong("seq");
    long gone = fixture.send(alice, chatId, "regret").getLong("seq");
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(chatId).put("seq", gone).put("scope", "everyone"));
    long before = fixture.lastSeq(chatId);

    for (String notEmoji : List.of("lol", "", "👍 ok", "<script>", "\u200D", "1", "🎉".repeat(20))) {
      fixture.assertRefused(bob, Address.CHAT_MESSAGE_REACT, react(chatId, seq, notEmoji), "reaction.invalid_emoji", 422);
    }
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_REACT, react(chatId, gone, "👍"), "message.not_reactable", 422);
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_REACT, react(chatId, 1, "👍"), "message.not_found", 404);
    fixture.assertRefused(fixture.user("mallory"), Address.CHAT_MESSAGE_REACT, react(chatId, seq, "👍"), "chat.not_found", 404);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(before);
    for (String emoji : List.of("❤️", "👨‍👩‍👧", "🇫🇷", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿")) {
      fixture.call(bob, Address.CHAT_MESSAGE_REACT, react(chatId, seq, emoji));
    }
  }

  @Test
  void aMemberAskingToPinAnAlreadyPinnedMessageIsRefusedAsForAnyPin() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID groupId = fixture.group(owner, bob);
    long rules = fixture.send(owner, groupId, "house rules").getLong("seq");
    fixture.call(owner, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", true));
    long pinned = fixture.lastSeq(groupId);

    // The role is checked before the state is compared: a no-op is no way around the rule.
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", true), "chat.not_allowed", 403);
    fixture.call(owner, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", false));
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", false), "chat.not_allowed", 403);
    assertThat(fixture.lastSeq(groupId)).isEqualTo(pinned + 1);
  }

  @Test
  void adminsPinInGroupsAndEitherPersonPinsInADirectChat() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID groupId = fixture.group(owner, bob);
    long rules = fixture.send(owner, groupId, "house rules").getLong("seq");

    fixture.assertRefused(bob, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules), "chat.not_allowed", 403);
    JsonObject pinned = fixture.call(owner, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules));
    long afterPin = fixture.lastSeq(groupId);
    fixture.call(owner, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", true));

    assertThat(pinned.getBoolean("pinned")).isTrue();
    assertThat(fixture.lastSeq(groupId)).as("pinning twice changes nothing").isEqualTo(afterPin);
    assertThat(fixture.call(bob, Address.CHAT_PINNED, chat(groupId)).getJsonArray("items")).hasSize(1);
    fixture.call(owner, Address.CHAT_MESSAGE_PIN, chat(groupId).put("seq", rules).put("pinned", false));
    assertThat(fixture.call(bob, Address.CHAT_PINNED, chat(groupId)).getJsonArray("items")).isEmpty();
    assertThat(fixture.eventsOf(groupId, events -> events.size() >= fixture.lastSeq(groupId)))
      .extracting(event -> event.getString("type")).containsSubsequence("message.pinned", "message.unpinned");

    User alice = fixture.user("alice");
    UUID directId = fixture.direct(alice, bob);
    long note = fixture.send(alice, directId, "address: 12 Main St").getLong("seq");
    fixture.call(bob, Address.CHAT_MESSAGE_PIN, chat(directId).put("seq", note));
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(directId).put("seq", note).put("scope", "everyone"));
    assertThat(fixture.call(alice, Address.CHAT_PINNED, chat(directId)).getJsonArray("items")).isEmpty();
  }

  @Test
  void threadRepliesCountOnTheirRootAndHaveTheirOwnHistory() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    long root = fixture.send(alice, chatId, "which day works?").getLong("seq");
    fixture.send(bob, chatId, "unrelated");
    fixture.call(bob, Address.CHAT_MESSAGE_SEND, text(chatId, "tuesday").put("threadRoot", root));
    long latest = fixture.call(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "tuesday it is").put("threadRoot", root))
      .getLong("seq");

    JsonObject rootNow = fixture.history(bob, chatId).stream().filter(m -> m.getLong("seq") == root).findFirst().orElseThrow();
    assertThat(rootNow.getJsonObject("thread")).isEqualTo(new JsonObject().put("replyCount", 2).put("lastSeq", latest));
    JsonArray thread = fixture.call(bob, Address.CHAT_MESSAGE_HISTORY, chat(chatId).put("thread", root)).getJsonArray("items");
    assertThat(thread.stream().map(m -> ((JsonObject) m).getString("text"))).containsExactly("tuesday", "tuesday it is");
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_SEND, text(chatId, "nested").put("threadRoot", latest),
      "message.invalid_reply", 422);
  }

  @Test
  void aForwardIsANewMessageInAChatIMayPostIn() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID source = fixture.direct(alice, bob);
    UUID target = fixture.group(bob, carol);
    UUID foreign = fixture.direct(alice, carol);
    JsonObject original = fixture.send(alice, source, "the wifi password is hunter2");
    JsonObject request = chat(source).put("seq", original.getLong("seq")).put("toChatId", target.toString())
      .put("clientMessageId", "fwd-1");

    ChatFixture.Answer forwarded = fixture.answer(bob, Address.CHAT_MESSAGE_FORWARD, request);
    ChatFixture.Answer again = fixture.answer(bob, Address.CHAT_MESSAGE_FORWARD, request);

    assertThat(forwarded.status()).isNull();
    assertThat(again.status()).isEqualTo("200");
    JsonObject copy = forwarded.body();
    assertThat(copy.getString("chatId")).isEqualTo(target.toString());
    assertThat(copy.getString("senderId")).isEqualTo(bob.id().toString());
    assertThat(copy.getString("text")).isEqualTo("the wifi password is hunter2");
    assertThat(copy.getJsonObject("forwardedFrom").getString("senderId")).isEqualTo(alice.id().toString());
    // Forwarding the forward keeps the first origin.
    JsonObject twice = fixture.call(carol, Address.CHAT_MESSAGE_FORWARD, chat(target).put("seq", copy.getLong("seq"))
      .put("toChatId", foreign.toString()).put("clientMessageId", "fwd-2"));
    assertThat(twice.getJsonObject("forwardedFrom")).isEqualTo(copy.getJsonObject("forwardedFrom"));
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_FORWARD, request.copy().put("toChatId", foreign.toString())
      .put("clientMessageId", "fwd-3"), "chat.not_found", 404);
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(source).put("seq", original.getLong("seq")).put("scope", "everyone"));
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_FORWARD, request.copy().put("clientMessageId", "fwd-4"),
      "message.not_forwardable", 422);
  }

  @Test
  void searchFindsMyChatsMessagesNewestFirstAndNothingElse() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User eve = fixture.user("eve");
    String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
    UUID mine = fixture.direct(alice, bob);
    UUID other = fixture.group(alice);
    UUID notMine = fixture.direct(bob, eve);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(0, fixture.send(bob, mine, "the " + word + " number " + i).getLong("seq"));
    }
    fixture.send(alice, other, "a " + word + " elsewhere");
    fixture.send(eve, notMine, "a secret " + word);
    long gone = fixture.send(bob, mine, "deleted " + word).getLong("seq");
    fixture.call(bob, Address.CHAT_MESSAGE_DELETE, chat(mine).put("seq", gone).put("scope", "everyone"));

    JsonObject all = fixture.call(alice, Address.CHAT_SEARCH, new JsonObject().put("q", word.toUpperCase()));
    assertThat(all.getJsonArray("items")).hasSize(6);
    assertThat(all.getJsonArray("items").getJsonObject(0).getString("chatId")).isEqualTo(other.toString());

    List<Long> paged = new ArrayList<>();
    JsonObject page = fixture.call(alice, Address.CHAT_SEARCH, new JsonObject().put("q", word).put("chatId", mine.toString())
      .put("limit", 2));
    while (true) {
      page.getJsonArray("items").forEach(item -> paged.add(((JsonObject) item).getLong("seq")));
      if (page.getString("nextCursor") == null) {
        break;
      }
      page = fixture.call(alice, Address.CHAT_SEARCH, new JsonObject().put("q", word).put("chatId", mine.toString())
        .put("limit", 2).put("cursor", page.getString("nextCursor")));
    }
    assertThat(paged).containsExactlyElementsOf(expected);
    fixture.assertRefused(alice, Address.CHAT_SEARCH, new JsonObject().put("q", word).put("chatId", notMine.toString()),
      "chat.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_SEARCH, new JsonObject().put("q", " "), "request.invalid_parameter", 400);
  }
}
