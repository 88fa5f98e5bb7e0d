package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static io.parley.chat.ChatFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.Answer;
import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendMessageTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_MAX_TEXT_LENGTH, 50).build();

  @Test
  void aSentMessageTakesTheChatsNextNumberAndIsAcknowledgedAfterCommit() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);

    Answer sent = fixture.answer(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hello bob"));

    JsonObject message = sent.body();
    assertThat(sent.status()).isNull();
    assertThat(message.getLong("seq")).isEqualTo(2);
    assertThat(message.getString("chatId")).isEqualTo(chatId.toString());
    assertThat(message.getString("senderId")).isEqualTo(alice.id().toString());
    assertThat(message.getString("id")).isNotBlank();
    assertThat(message.getString("createdAt")).isNotBlank();
    // Acknowledged means committed: another connection sees it at once.
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND seq = 2", chatId)).isOne();
    assertThat(fixture.history(bob, chatId)).singleElement().isEqualTo(message);
    JsonObject event = fixture.eventAt(chatId, 2);
    assertThat(event.getString("type")).isEqualTo("message.sent");
    assertThat(event.getString("aggregateId")).isEqualTo(chatId.toString());
    assertThat(event.getJsonObject("payload").getString("chatId")).isEqualTo(chatId.toString());
    assertThat(event.getJsonObject("payload").getJsonObject("message")).isEqualTo(message);
  }

  @Test
  void everyNumberedChangeIsPublishedOnceInOrder() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    for (int i = 0; i < 10; i++) {
      fixture.send(i % 2 == 0 ? alice : bob, chatId, "message " + i);
    }
    fixture.call(alice, Address.CHAT_MESSAGE_EDIT, chat(chatId).put("seq", 2).put("text", "edited"));
    fixture.call(alice, Address.CHAT_MEMBER_REMOVE, chat(chatId).put("userId", bob.id().toString()));
    long last = fixture.lastSeq(chatId);

    List<JsonObject> events = fixture.eventsOf(chatId, published -> published.size() >= last);

    assertThat(events).extracting(event -> event.getJsonObject("payload").getLong("seq"))
      .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
    assertThat(events.stream().map(event -> event.getString("id")).distinct()).hasSize((int) last);
  }

  @Test
  void aRetriedSendReturnsTheOriginalAndStoresNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    JsonObject request = text(chatId, "only once");
    JsonObject original = fixture.call(alice, Address.CHAT_MESSAGE_SEND, request);
    long outboxBefore = fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1", chatId.toString());
    int eventsBefore = fixture.eventsOf(chatId, events -> events.size() == original.getLong("seq")).size();

    Answer retry = fixture.answer(alice, Address.CHAT_MESSAGE_SEND, request.copy().put("text", "changed my mind"));

    assertThat(retry.status()).isEqualTo("200");
    assertThat(retry.body()).isEqualTo(original);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(original.getLong("seq"));
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1", chatId)).isOne();
    assertThat(fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1", chatId.toString())).isEqualTo(outboxBefore);
    // The same client id from someone else is their own message; its event is a barrier for the check.
    ChatFixture.Answer bobs = fixture.answer(bob, Address.CHAT_MESSAGE_SEND, request);
    assertThat(bobs.status()).isNull();
    fixture.eventAt(chatId, bobs.body().getLong("seq"));
    assertThat(fixture.eventsOf(chatId)).hasSize(eventsBefore + 1);
  }

  @Test
  void badMessagesAreRefusedWithStableCodesAndStoreNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    long before = fixture.lastSeq(chatId);

    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "x".repeat(51)), "message.invalid_text", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "   "), "message.invalid_text", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "nul \u0000"), "message.invalid_text", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hi").put("kind", "hologram"),
      "message.unknown_kind", 422);
    JsonObject withoutClientId = text(chatId, "hi");
    withoutClientId.remove("clientMessageId");
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, withoutClientId, "message.invalid_client_id", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hi").put("clientMessageId", ""),
      "message.invalid_client_id", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hi").put("clientMessageId", "x".repeat(65)),
      "message.invalid_client_id", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, location(chatId, 91, 0), "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, location(chatId, 0, -180.5), "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, chat(chatId).put("clientMessageId", "l1").put("kind", "location")
      .put("location", new JsonObject().put("latitude", "north").put("longitude", 2)), "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, image(chatId, new JsonObject().put("id", "nope")),
      "message.invalid_media", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, chat(chatId).put("clientMessageId", "m1").put("kind", "image"),
      "message.invalid_media", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, image(chatId, new JsonObject().put("id", UUID.randomUUID().toString())
      .put("caption", "x".repeat(2000))), "message.invalid_media", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, image(chatId, new JsonObject().put("id", UUID.randomUUID().toString()))
      .put("caption", "outside"), "request.invalid", 400);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hi @nobody_here"), "message.mention_not_member", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "re").put("replyTo", 999), "message.invalid_reply", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "re").put("replyTo", -1), "request.invalid_parameter", 400);

    assertThat(fixture.lastSeq(chatId)).isEqualTo(before);
    assertThat(fixture.count("SELECT count(*) FROM messages WHERE chat_id = $1 AND kind <> 'system'", chatId)).isZero();
  }

  @Test
  void aLocationMessageKeepsItsValidatedShape() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);

    JsonObject place = fixture.call(bob, Address.CHAT_MESSAGE_SEND, location(chatId, 48.8584, 2.2945)
      .put("location", new JsonObject().put("latitude", 48.8584).put("longitude", 2.2945).put("label", "Tower")
        .put("extra", "dropped")));

    assertThat(place.getJsonObject("location")).isEqualTo(new JsonObject().put("latitude", 48.8584).put("longitude", 2.2945)
      .put("label", "Tower"));
    assertThat(fixture.history(alice, chatId)).extracting(message -> message.getString("kind")).containsExactly("location");
  }

  @Test
  void mentionsResolveToMembersAndRepliesQuoteTheirMessage() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    JsonObject question = fixture.send(alice, chatId, "lunch?");

    JsonObject answer = fixture.call(bob, Address.CHAT_MESSAGE_SEND, text(chatId, "sure @" + alice.username().toUpperCase()
      + ", mail me at bob@example.com").put("replyTo", question.getLong("seq")));

    assertThat(answer.getJsonArray("mentions")).containsExactly(alice.id().toString());
    assertThat(answer.getJsonObject("replyTo")).isEqualTo(new JsonObject().put("seq", question.getLong("seq"))
      .put("senderId", alice.id().toString()).put("kind", "text").put("deleted", false).put("text", "lunch?"));
    assertThat(fixture.history(alice, chatId)).last().isEqualTo(answer);
  }

  @Test
  void aMemberCannotPostInAChannelButItsAdminsCan() {
    User owner = fixture.user("owner");
    User reader = fixture.user("reader");
    UUID channelId = fixture.channel(owner, reader);

    fixture.assertRefused(reader, Address.CHAT_MESSAGE_SEND, text(channelId, "me too"), "chat.not_allowed", 403);
    fixture.send(owner, channelId, "news");
    fixture.call(owner, Address.CHAT_MEMBER_ROLE, chat(channelId).put("userId", reader.id().toString()).put("role", "admin"));
    fixture.send(reader, channelId, "more news");

    assertThat(fixture.history(reader, channelId)).extracting(message -> message.getString("text"))
      .containsSubsequence("news", "more news");
  }

  @Test
  void aNonMemberCannotPostAndLearnsNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User mallory = fixture.user("mallory");
    UUID chatId = fixture.direct(alice, bob);

    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_SEND, text(chatId, "hi"), "chat.not_found", 404);
    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_SEND, text(chatId, "hi @" + alice.username()), "chat.not_found", 404);
    fixture.assertRefused(mallory, Address.CHAT_MESSAGE_SEND, text(UUID.randomUUID(), "hi"), "chat.not_found", 404);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(1);
  }

  @Test
  void nobodySendsInADirectChatAcrossABlock() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    fixture.block(bob, alice);

    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, text(chatId, "hello?"), "chat.blocked", 403);
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_SEND, text(chatId, "go away"), "chat.blocked", 403);
    assertThat(fixture.lastSeq(chatId)).isEqualTo(1);
  }

  private static JsonObject location(UUID chatId, double latitude, double longitude) {
    return chat(chatId).put("clientMessageId", UUID.randomUUID().toString()).put("kind", "location")
      .put("location", new JsonObject().put("latitude", latitude).put("longitude", longitude));
  }

  private static JsonObject image(UUID chatId, JsonObject media) {
    return chat(chatId).put("clientMessageId", UUID.randomUUID().toString()).put("kind", "image").put("media", media);
  }
}
