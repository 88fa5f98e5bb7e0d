package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member's private state (delete for me, pin, mute, archive) reaches their other devices through sync. */
class PrivateSyncTest {

  private static final Set<String> PRIVATE_TYPES = Set.of("message.hidden", "chat.settings.changed");

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 10_000).build();

  /** Syncs until nothing more is pending, in pages of {@code limit}; returns every event and the final cursor. */
  private static List<JsonObject> syncAll(User user, String[] cursor, int limit) {
    List<JsonObject> events = new ArrayList<>();
    while (true) {
      JsonObject page = fixture.call(user, Address.CHAT_SYNC, new JsonObject().put("cursor", cursor[0]).put("limit", limit));
      page.getJsonArray("events").forEach(event -> events.add((JsonObject) event));
      assertThat(page.getJsonArray("events").size()).isLessThanOrEqualTo(limit);
      cursor[0] = page.getString("cursor");
      if (!page.getBoolean("hasMore")) {
        return events;
      }
    }
  }

  private static List<JsonObject> privateOnes(List<JsonObject> events) {
    return events.stream().filter(event -> PRIVATE_TYPES.contains(event.getString("type"))).toList();
  }

  @Test
  void aDeviceOfflineDuringMyHideAndMuteGetsBothAndOtherMembersNeverSeeThem() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID group = fixture.group(alice, bob);
    UUID direct = fixture.direct(alice, bob);
    long message = fixture.send(bob, group, "something alice would rather not see").getLong("seq");
    String[] deviceB = {fixture.call(alice, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};
    String[] bobsDevice = {fixture.call(bob, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};

    // Device A, while device B is offline.
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(group).put("seq", message).put("scope", "me"));
    fixture.call(alice, Address.CHAT_SETTINGS, chat(group).put("mutedUntil", "2999-01-01T00:00:00Z"));
    fixture.call(alice, Address.CHAT_SETTINGS, chat(direct).put("pinned", true).put("archived", false));

    List<JsonObject> synced = syncAll(alice, deviceB, 500);

    assertThat(synced).extracting(event -> event.getString("type"))
      .containsExactly("message.hidden", "chat.settings.changed", "chat.settings.changed");
    JsonObject hidden = synced.get(0);
    assertThat(hidden.getString("chatId")).isEqualTo(group.toString());
    assertThat(hidden.getLong("messageSeq")).isEqualTo(message);
    assertThat(hidden.getString("userId")).isEqualTo(alice.id().toString());
    JsonObject muted = synced.get(1);
    assertThat(muted.getString("chatId")).isEqualTo(group.toString());
    assertThat(muted.getBoolean("muted")).isTrue();
    assertThat(muted.getString("mutedUntil")).isEqualTo("2999-01-01T00:00:00Z");
    JsonObject pinned = synced.get(2);
    assertThat(pinned.getString("chatId")).isEqualTo(direct.toString());
    assertThat(pinned.getBoolean("pinned")).isTrue();
    assertThat(pinned.getBoolean("muted")).isFalse();
    assertThat(synced).extracting(event -> event.getLong("userSeq")).isSorted().doesNotHaveDuplicates();
    // The live events carried the same items, to alice's devices only.
    JsonObject live = fixture.eventsOf(group, events -> events.stream().anyMatch(e -> e.getString("type").equals("message.hidden")))
      .stream().filter(e -> e.getString("type").equals("message.hidden")).findFirst().orElseThrow().getJsonObject("payload");
    assertThat(live).isEqualTo(hidden);

    assertThat(privateOnes(syncAll(bob, bobsDevice, 500))).isEmpty();
    assertThat(syncAll(alice, deviceB, 500)).as("caught up").isEmpty();
    assertThat(fixture.history(bob, group)).extracting(m -> m.getLong("seq")).contains(message);
  }

  @Test
  void privateChangesSharePagesWithChatChangesAndEachArrivesOnce() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID direct = fixture.direct(alice, bob);
    List<Long> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sent.add(fixture.send(bob, direct, "m" + i).getLong("seq"));
    }
    String[] cursor = {fixture.call(alice, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};
    for (long seq : sent) {
      fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(direct).put("seq", seq).put("scope", "me"));
    }
    for (int i = 0; i < 5; i++) {
      fixture.send(bob, direct, "later " + i);
    }
    fixture.call(alice, Address.CHAT_SETTINGS, chat(direct).put("archived", true));

    List<JsonObject> events = syncAll(alice, cursor, 3);

    assertThat(events.stream().filter(event -> event.getString("type").equals("message.sent"))).hasSize(5);
    assertThat(privateOnes(events)).extracting(event -> event.getLong("messageSeq"))
      .containsExactly(sent.get(0), sent.get(1), sent.get(2), sent.get(3), sent.get(4), sent.get(5), null);
    assertThat(privateOnes(events).get(6).getBoolean("archived")).isTrue();
  }

  @Test
  void hidingAMessageTwiceIsOneChangeAndAFreshCursorStartsAfterEveryPrivateChange() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID direct = fixture.direct(alice, bob);
    long seq = fixture.send(bob, direct, "once").getLong("seq");
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(direct).put("seq", seq).put("scope", "me"));
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_DELETE, chat(direct).put("seq", seq).put("scope", "me"),
      "message.not_found", 404);

    assertThat(fixture.count("SELECT count(*) FROM private_changes WHERE user_id = $1", alice.id())).isEqualTo(1);
    String[] fresh = {fixture.call(alice, Address.CHAT_SYNC, new JsonObject()).getString("cursor")};
    assertThat(syncAll(alice, fresh, 100)).isEmpty();
  }
}
