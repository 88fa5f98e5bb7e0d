package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReceiptTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  private static JsonObject at(UUID chatId, long seq) {
    return chat(chatId).put("seq", seq);
  }

  private static java.util.List<JsonObject> receipts(java.util.List<JsonObject> events) {
    return events.stream().filter(event -> event.getString("type").equals("receipt.updated")).toList();
  }

  private static long unread(User user, UUID chatId) {
    return fixture.call(user, Address.CHAT_GET, chat(chatId)).getLong("unreadCount");
  }

  @Test
  void readingOnOneDeviceClearsUnreadOnTheOthers() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    fixture.send(alice, chatId, "one");
    fixture.send(alice, chatId, "two");
    long last = fixture.send(alice, chatId, "three").getLong("seq");
    fixture.send(bob, chatId, "my own messages are never unread for me");

    // Bob's phone and laptop are two devices of one member: the server holds one watermark.
    assertThat(unread(bob, chatId)).isEqualTo(3);
    JsonObject phone = fixture.call(bob, Address.CHAT_READ, at(chatId, last - 1));
    assertThat(phone.getLong("unreadCount")).isEqualTo(1);
    fixture.call(bob, Address.CHAT_READ, at(chatId, last));

    assertThat(unread(bob, chatId)).isZero();
    JsonObject laptopList = fixture.call(bob, Address.CHAT_LIST, new JsonObject());
    assertThat(laptopList.getJsonArray("items").getJsonObject(0).getLong("unreadCount")).isZero();
    assertThat(fixture.eventsOf(chatId, events -> receipts(events).size() == 2))
      .filteredOn(event -> event.getString("type").equals("receipt.updated"))
      .extracting(event -> event.getJsonObject("payload").getLong("readUpTo")).containsExactly(last - 1, last);
  }

  @Test
  void watermarksOnlyMoveForward() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    long first = fixture.send(alice, chatId, "one").getLong("seq");
    long second = fixture.send(alice, chatId, "two").getLong("seq");
    fixture.call(bob, Address.CHAT_READ, at(chatId, second));
    fixture.eventsOf(chatId, events -> receipts(events).size() == 1);

    JsonObject late = fixture.call(bob, Address.CHAT_READ, at(chatId, first));
    JsonObject lateDelivery = fixture.call(bob, Address.CHAT_DELIVERED, at(chatId, first));

    assertThat(late.getLong("readUpTo")).isEqualTo(second);
    assertThat(lateDelivery.getLong("deliveredUpTo")).isEqualTo(second);
    // A later change is a barrier: once its event is here, any receipt event would have been too.
    long barrier = fixture.send(alice, chatId, "barrier").getLong("seq");
    fixture.eventAt(chatId, barrier);
    assertThat(receipts(fixture.eventsOf(chatId))).hasSize(1);
    fixture.assertRefused(bob, Address.CHAT_READ, at(chatId, barrier + 1), "receipt.ahead_of_chat", 422);
    fixture.assertRefused(bob, Address.CHAT_READ, at(chatId, -1), "request.invalid", 400);
    fixture.assertRefused(fixture.user("mallory"), Address.CHAT_READ, at(chatId, 1), "chat.not_found", 404);
  }

  @Test
  void theSenderOfADirectMessageSeesSentDeliveredRead() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.direct(alice, bob);
    long seq = fixture.send(alice, chatId, "ping").getLong("seq");

    assertThat(fixture.call(alice, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, seq)).getString("status")).isEqualTo("sent");
    fixture.call(bob, Address.CHAT_DELIVERED, at(chatId, seq));
    assertThat(fixture.call(alice, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, seq)).getString("status")).isEqualTo("delivered");
    fixture.call(bob, Address.CHAT_READ, at(chatId, seq));
    assertThat(fixture.call(alice, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, seq)).getString("status")).isEqualTo("read");
    fixture.assertRefused(bob, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, seq), "message.not_sender", 403);
  }

  @Test
  void groupReadByAndDeliveredToListsFollowEachMembersWatermarks() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    User dave = fixture.user("dave");
    UUID chatId = fixture.group(alice, bob, carol, dave);
    long first = fixture.send(alice, chatId, "first").getLong("seq");
    long second = fixture.send(alice, chatId, "second").getLong("seq");

    fixture.call(bob, Address.CHAT_READ, at(chatId, second));
    fixture.call(carol, Address.CHAT_READ, at(chatId, first));
    fixture.call(carol, Address.CHAT_DELIVERED, at(chatId, second));

    JsonObject ofFirst = fixture.call(alice, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, first));
    JsonObject ofSecond = fixture.call(alice, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, second));
    assertThat(ofFirst.getJsonArray("readBy")).containsExactlyInAnyOrder(bob.id().toString(), carol.id().toString());
    assertThat(ofFirst.getJsonArray("deliveredTo")).containsExactlyInAnyOrder(bob.id().toString(), carol.id().toString());
    assertThat(ofSecond.getJsonArray("readBy")).containsExactly(bob.id().toString());
    assertThat(ofSecond.getJsonArray("deliveredTo")).containsExactlyInAnyOrder(bob.id().toString(), carol.id().toString());
  }

  @Test
  void channelsCountReadersInsteadOfListingThem() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID chatId = fixture.channel(owner, bob, carol);
    long seq = fixture.send(owner, chatId, "announcement").getLong("seq");
    fixture.call(bob, Address.CHAT_READ, at(chatId, seq));

    JsonObject receipts = fixture.call(owner, Address.CHAT_MESSAGE_RECEIPTS, at(chatId, seq));

    assertThat(receipts.getLong("readCount")).isEqualTo(1);
    assertThat(receipts.getLong("deliveredCount")).isEqualTo(1);
    assertThat(receipts.getLong("recipients")).isEqualTo(2);
    assertThat(receipts.containsKey("readBy")).isFalse();
    // A reader's receipt goes only to the reader's own devices.
    assertThat(receipts(fixture.eventsOf(chatId, events -> receipts(events).size() == 1))).hasSize(1).allSatisfy(event -> assertThat(event.getJsonObject("payload").getString("audience")).isEqualTo("user"));
  }
}
