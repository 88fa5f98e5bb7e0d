package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatListTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_MAX_PINNED_CHATS, 2).build();

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  private static JsonObject settings(UUID chatId, JsonObject settings) {
    return chat(chatId).mergeIn(settings);
  }

  @Test
  void pinnedChatsComeFirstThenTheMostRecentlyActive() {
    User me = fixture.user("me");
    UUID quiet = fixture.direct(me, fixture.user("quiet"));
    UUID busy = fixture.direct(me, fixture.user("busy"));
    UUID pinnedFirst = fixture.group(me);
    UUID pinnedLater = fixture.group(me);
    fixture.send(me, quiet, "old news");
    fixture.send(me, busy, "fresh news");
    fixture.call(me, Address.CHAT_SETTINGS, settings(pinnedFirst, new JsonObject().put("pinned", true)));
    fixture.call(me, Address.CHAT_SETTINGS, settings(pinnedLater, new JsonObject().put("pinned", true)));

    JsonObject list = fixture.call(me, Address.CHAT_LIST, new JsonObject());

    assertThat(ids(list)).containsExactly(pinnedLater.toString(), pinnedFirst.toString(), busy.toString(), quiet.toString());
    fixture.assertRefused(me, Address.CHAT_SETTINGS, settings(busy, new JsonObject().put("pinned", true)),
      "chat.too_many_pins", 422);
    // Activity moves a chat up among the unpinned.
    fixture.send(me, quiet, "now I am busy");
    assertThat(ids(fixture.call(me, Address.CHAT_LIST, new JsonObject()))).containsExactly(
      pinnedLater.toString(), pinnedFirst.toString(), quiet.toString(), busy.toString());
  }

  @Test
  void pagesWithACursorCoverEveryChatOnce() {
    User me = fixture.user("me");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(fixture.group(me).toString());
    }
    fixture.call(me, Address.CHAT_SETTINGS, settings(UUID.fromString(created.get(3)), new JsonObject().put("pinned", true)));

    List<String> seen = new ArrayList<>();
    JsonObject page = fixture.call(me, Address.CHAT_LIST, new JsonObject().put("limit", 3));
    seen.addAll(ids(page));
    while (page.getString("nextCursor") != null) {
      page = fixture.call(me, Address.CHAT_LIST, new JsonObject().put("limit", 3).put("cursor", page.getString("nextCursor")));
      seen.addAll(ids(page));
    }

    assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(created).startsWith(created.get(3));
    fixture.assertRefused(me, Address.CHAT_LIST, new JsonObject().put("cursor", "garbage"), "request.invalid_parameter", 400);
    fixture.assertRefused(me, Address.CHAT_LIST, new JsonObject().put("limit", 1000), "request.invalid_parameter", 400);
  }

  @Test
  void eachChatShowsItsLastMessageUnreadCountAndMySettings() {
    User me = fixture.user("me");
    User friend = fixture.user("friend");
    UUID chatId = fixture.direct(me, friend);
    fixture.send(friend, chatId, "first");
    fixture.send(friend, chatId, "second");

    fixture.call(me, Address.CHAT_SETTINGS, settings(chatId, new JsonObject().put("mutedUntil", "2999-01-01T00:00:00Z")
      .put("archived", true)));

    JsonObject item = fixture.call(me, Address.CHAT_LIST, new JsonObject()).getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("title")).isEqualTo("friend");
    assertThat(item.getLong("unreadCount")).isEqualTo(2);
    assertThat(item.getJsonObject("lastMessage").getString("text")).isEqualTo("second");
    assertThat(item.getJsonObject("lastMessage").getString("senderId")).isEqualTo(friend.id().toString());
    assertThat(item.getBoolean("muted")).isTrue();
    assertThat(item.getString("mutedUntil")).isEqualTo("2999-01-01T00:00:00Z");
    assertThat(item.getBoolean("archived")).isTrue();
    assertThat(item.getBoolean("pinned")).isFalse();
    // Settings are mine alone.
    JsonObject theirs = fixture.call(friend, Address.CHAT_GET, chat(chatId));
    assertThat(theirs.getBoolean("muted")).isFalse();
    assertThat(theirs.getBoolean("archived")).isFalse();
    assertThat(ids(fixture.call(me, Address.CHAT_LIST, new JsonObject().put("archived", false)))).isEmpty();
    assertThat(ids(fixture.call(me, Address.CHAT_LIST, new JsonObject().put("archived", "true")))).containsExactly(chatId.toString());

    fixture.call(me, Address.CHAT_SETTINGS, settings(chatId, new JsonObject().putNull("mutedUntil").put("archived", false)));
    JsonObject unmuted = fixture.call(me, Address.CHAT_GET, chat(chatId));
    assertThat(unmuted.getBoolean("muted")).isFalse();
    assertThat(unmuted.containsKey("mutedUntil")).isFalse();
    fixture.assertRefused(me, Address.CHAT_SETTINGS, settings(chatId, new JsonObject().put("mutedUntil", "tomorrow")),
      "request.invalid", 400);
    fixture.assertRefused(fixture.user("stranger"), Address.CHAT_SETTINGS, settings(chatId, new JsonObject().put("archived", true)),
      "chat.not_found", 404);
  }
}
