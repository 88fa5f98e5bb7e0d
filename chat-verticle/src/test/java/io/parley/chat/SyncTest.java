package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SyncTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 10_000).build();

  /** Syncs until nothing more is pending, in small pages; returns every event and the final cursor. */
  private static List<JsonObject> syncAll(User user, String[] cursor) {
    List<JsonObject> events = new ArrayList<>();
    while (true) {
      JsonObject page = fixture.call(user, Address.CHAT_SYNC, new JsonObject().put("cursor", cursor[0]).put("limit", 25));
      page.getJsonArray("events").forEach(event -> events.add((JsonObject) event));
      cursor[0] = page.getString("cursor");
      if (!page.getBoolean("hasMore")) {
        return events;
      }
      assertThat(page.getJsonArray("events")).hasSize(25);
    }
  }

  private static List<Long> seqsOf(List<JsonObject> events, UUID chatId) {
    return events.stream().filter(event -> event.getString("chatId").equals(chatId.toString()))
      .map(event -> event.getLong("seq")).toList();
  }

  @Test
  void aDeviceOfflineForLongReceivesEveryChangeExactlyOnceInOrder() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User carol = fixture.user("carol");
    UUID direct = fixture.direct(alice, bob);
    UUID group = fixture.group(alice, bob, carol);
    fixture.send(alice, direct, "before the device went offline");
    String[] cursor = {fixture.call(bob, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};
    long directFrom = fixture.lastSeq(direct);
    long groupFrom = fixture.lastSeq(group);

    // While bob's device is away: messages, edits, deletes in two chats, and a chat that is new to him.
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      sent.add(fixture.send(i % 3 == 0 ? bob : alice, direct, "direct " + i).getLong("seq"));
      if (i % 10 == 0) {
        fixture.send(carol, group, "group " + i);
      }
    }
    fixture.call(alice, Address.CHAT_MESSAGE_EDIT, chat(direct).put("seq", sent.get(1)).put("text", "direct 1, edited"));
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(direct).put("seq", sent.get(2)).put("scope", "everyone"));
    UUID joined = fixture.group(carol, bob);
    fixture.send(carol, joined, "welcome bob");

    List<JsonObject> events = syncAll(bob, cursor);

    assertThat(seqsOf(events, direct)).containsExactlyElementsOf(
      LongStream.rangeClosed(directFrom + 1, fixture.lastSeq(direct)).boxed().toList());
    assertThat(seqsOf(events, group)).containsExactlyElementsOf(
      LongStream.rangeClosed(groupFrom + 1, fixture.lastSeq(group)).boxed().toList());
    assertThat(seqsOf(events, joined)).containsExactly(1L, 2L);
    assertThat(events).filteredOn(event -> event.getString("chatId").equals(direct.toString()))
      .extracting(event -> event.getString("type")).containsOnly("message.sent", "message.edited", "message.deleted")
      .endsWith("message.edited", "message.deleted");

    // Replaying the events gives the same chat as its history: edits applied, deleted content gone.
    Map<Long, String> replayed = new LinkedHashMap<>();
    events.stream().filter(event -> event.getString("chatId").equals(direct.toString())).forEach(event -> {
      JsonObject message = event.getJsonObject("message");
      replayed.put(message.getLong("seq"), message.getString("text"));
    });
    Map<Long, String> history = new LinkedHashMap<>();
    JsonArray page = fixture.call(bob, Address.CHAT_MESSAGE_HISTORY, chat(direct).put("after", directFrom).put("limit", 100))
      .getJsonArray("items");
    JsonArray rest = fixture.call(bob, Address.CHAT_MESSAGE_HISTORY, chat(direct).put("after", directFrom + 100).put("limit", 100))
      .getJsonArray("items");
    page.addAll(rest);
    page.forEach(item -> history.put(((JsonObject) item).getLong("seq"), ((JsonObject) item).getString("text")));
    assertThat(replayed).isEqualTo(history);
    assertThat(replayed.get(sent.get(1))).isEqualTo("direct 1, edited");
    assertThat(replayed.get(sent.get(2))).isNull();

    // Caught up: nothing more, however often the device asks.
    JsonObject again = fixture.call(bob, Address.CHAT_SYNC, new JsonObject().put("cursor", cursor[0]));
    assertThat(again.getJsonArray("events")).isEmpty();
    assertThat(again.getBoolean("hasMore")).isFalse();
  }

  @Test
  void aRemovedMemberSyncsUpToTheirRemovalAndNothingAfter() {
    User owner = fixture.user("owner");
    User bob = fixture.user("bob");
    UUID group = fixture.group(owner, bob);
    String[] cursor = {fixture.call(bob, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};
    fixture.send(owner, group, "still here");
    long removal = fixture.call(owner, Address.CHAT_MEMBER_REMOVE, chat(group).put("userId", bob.id().toString())).getLong("seq");
    fixture.send(owner, group, "said after bob left");

    List<JsonObject> events = syncAll(bob, cursor);

    assertThat(seqsOf(events, group)).containsExactly(removal - 1, removal);
    JsonObject last = events.get(events.size() - 1);
    assertThat(last.getString("type")).isEqualTo("chat.member.changed");
    assertThat(last.getJsonObject("data").getString("action")).isEqualTo("removed");
    fixture.send(owner, group, "and more");
    assertThat(syncAll(bob, cursor)).isEmpty();
    fixture.assertRefused(bob, Address.CHAT_CHANGES, chat(group).put("after", removal), "chat.not_found", 404);
    assertThat(fixture.call(bob, Address.CHAT_CHANGES, chat(group).put("after", removal - 2))
      .getJsonArray("events")).hasSize(2);
  }

  @Test
  void oneChatsChangesPageAfterASequenceNumber() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID direct = fixture.direct(alice, bob);
    for (int i = 0; i < 7; i++) {
      fixture.send(alice, direct, "m" + i);
    }

    JsonObject first = fixture.call(bob, Address.CHAT_CHANGES, chat(direct).put("after", 0).put("limit", 5));
    JsonObject second = fixture.call(bob, Address.CHAT_CHANGES, chat(direct).put("after", first.getLong("lastSeq")));

    assertThat(first.getJsonArray("events")).hasSize(5);
    assertThat(first.getBoolean("hasMore")).isTrue();
    assertThat(second.getJsonArray("events").stream().map(event -> ((JsonObject) event).getLong("seq")))
      .containsExactly(6L, 7L, 8L);
    assertThat(second.getBoolean("hasMore")).isFalse();
  }

  @Test
  void aForeignOrDamagedCursorIsRefused() {
    User bob = fixture.user("bob");
    fixture.assertRefused(bob, Address.CHAT_SYNC, new JsonObject().put("cursor", "not a cursor!"), "sync.invalid_cursor", 400);
    fixture.assertRefused(bob, Address.CHAT_SYNC, new JsonObject().put("cursor", "AgAA"), "sync.invalid_cursor", 400);
    fixture.assertRefused(bob, Address.CHAT_SYNC, new JsonObject().put("limit", 5000), "request.invalid_parameter", 400);
  }

  @Test
  void aCursorNamingOthersChatsRevealsNothing() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User mallory = fixture.user("mallory");
    UUID direct = fixture.direct(alice, bob);
    fixture.send(alice, direct, "private");

    String forged = new SyncCursor(0, Map.of(direct, 0L)).encode();
    JsonObject page = fixture.call(mallory, Address.CHAT_SYNC, new JsonObject().put("cursor", forged));

    assertThat(page.getJsonArray("events")).isEmpty();
  }
}
