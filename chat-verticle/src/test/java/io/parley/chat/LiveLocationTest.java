package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static io.parley.chat.ChatFixture.liveLocation;
import static io.parley.chat.ChatFixture.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LiveLocationTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 10_000).build();

  private static Instant inAnHour() {
    return Instant.now().plus(Duration.ofHours(1));
  }

  private static JsonObject messageAt(User viewer, UUID chatId, long seq) {
    return fixture.history(viewer, chatId).stream().filter(message -> message.getLong("seq") == seq).findFirst().orElseThrow();
  }

  @Test
  void theSenderMovesALiveLocationAndOnlyTheLastPositionIsKeptWithoutNumberedChanges() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID group = fixture.group(alice, bob);
    JsonObject sent = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 52.37, 4.89, inAnHour()));
    long seq = sent.getLong("seq");
    assertThat(sent.getString("kind")).isEqualTo("live_location");
    long lastSeq = fixture.lastSeq(group);

    for (int i = 1; i <= 5; i++) {
      JsonObject moved = fixture.call(alice, Address.CHAT_LOCATION_UPDATE, position(group, seq, 52.37 + i / 1000.0, 4.89));
      assertThat(moved.getJsonObject("location").getDouble("latitude")).isEqualTo(52.37 + i / 1000.0);
    }

    assertThat(fixture.lastSeq(group)).as("positions are not numbered changes").isEqualTo(lastSeq);
    assertThat(fixture.count("SELECT count(*) FROM chat_changes WHERE chat_id = $1", group)).isEqualTo(lastSeq);
    assertThat(fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1", group.toString())).isEqualTo(lastSeq);
    JsonObject location = messageAt(bob, group, seq).getJsonObject("location");
    assertThat(location.getDouble("latitude")).isEqualTo(52.375);
    assertThat(location.getDouble("longitude")).isEqualTo(4.89);
    assertThat(location.getString("updatedAt")).isNotNull();
    assertThat(location.getString("liveUntil")).isEqualTo(sent.getJsonObject("location").getString("liveUntil"));

    List<JsonObject> updates = fixture.eventsOf(group, events -> events.stream()
      .filter(event -> event.getString("type").equals("location.updated")).count() == 5).stream()
      .filter(event -> event.getString("type").equals("location.updated")).toList();
    JsonObject last = updates.get(4).getJsonObject("payload");
    assertThat(last.getString("chatId")).isEqualTo(group.toString());
    assertThat(last.getLong("messageSeq")).isEqualTo(seq);
    assertThat(last.getString("userId")).isEqualTo(alice.id().toString());
    assertThat(last.getDouble("latitude")).isEqualTo(52.375);
    assertThat(last.getDouble("longitude")).isEqualTo(4.89);
    assertThat(last.getString("time")).isNotNull();
    assertThat(last.getString("audience")).isEqualTo("members");
    assertThat(last.containsKey("seq")).as("unnumbered").isFalse();
  }

  @Test
  void aLiveLocationIsValidatedWhenSent() {
    User alice = fixture.user("alice");
    UUID group = fixture.group(alice, fixture.user("bob"));
    long before = fixture.lastSeq(group);

    JsonObject noEnd = liveLocation(group, 1, 1, inAnHour());
    noEnd.getJsonObject("location").remove("liveUntil");
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, noEnd, "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 1, 1, Instant.now().minusSeconds(5)),
      "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 1, 1, Instant.now().plus(Duration.ofHours(9))),
      "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 91, 1, inAnHour()), "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 1, -180.5, inAnHour()), "message.invalid_location", 422);
    JsonObject badTime = liveLocation(group, 1, 1, inAnHour());
    badTime.getJsonObject("location").put("liveUntil", "in an hour");
    fixture.assertRefused(alice, Address.CHAT_MESSAGE_SEND, badTime, "message.invalid_location", 422);

    assertThat(fixture.lastSeq(group)).isEqualTo(before);
    fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 1, 1, Instant.now().plus(Duration.ofHours(8)).minusSeconds(5)));
  }

  @Test
  void onlyTheSenderMovesTheirLiveLocationAndOnlyWhileItIsLive() throws InterruptedException {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    User mallory = fixture.user("mallory");
    UUID group = fixture.group(alice, bob);
    long live = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 10, 20, inAnHour())).getLong("seq");
    long text = fixture.send(alice, group, "just words").getLong("seq");
    long bobs = fixture.call(bob, Address.CHAT_MESSAGE_SEND, liveLocation(group, 30, 40, inAnHour())).getLong("seq");
    Instant over = Instant.now().plusMillis(1500);
    long soonOver = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 10, 20, over)).getLong("seq");

    fixture.assertRefused(mallory, Address.CHAT_LOCATION_UPDATE, position(group, live, 11, 21), "chat.not_found", 404);
    fixture.assertRefused(bob, Address.CHAT_LOCATION_UPDATE, position(group, live, 11, 21), "message.not_sender", 403);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(group, text, 11, 21), "location.not_live_location", 422);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(group, 9_999, 11, 21), "message.not_found", 404);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(group, live, 95, 21), "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(group, live, 11, 21).put("longitude", "east"),
      "message.invalid_location", 422);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, chat(group).put("latitude", 1).put("longitude", 1),
      "request.invalid", 400);

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), over).toMillis()) + 100);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(group, soonOver, 11, 21), "location.sharing_ended", 410);
    // A removed member's live location stops moving with the removal.
    fixture.call(bob, Address.CHAT_LOCATION_UPDATE, position(group, bobs, 31, 41));
    fixture.call(alice, Address.CHAT_MEMBER_REMOVE, chat(group).put("userId", bob.id().toString()));
    fixture.assertRefused(bob, Address.CHAT_LOCATION_UPDATE, position(group, bobs, 32, 42), "chat.not_found", 404);

    assertThat(messageAt(alice, group, live).getJsonObject("location").getDouble("latitude")).isEqualTo(10.0);
    assertThat(messageAt(alice, group, soonOver).getJsonObject("location").getDouble("latitude")).isEqualTo(10.0);
    assertThat(messageAt(alice, group, bobs).getJsonObject("location").getDouble("latitude")).isEqualTo(31.0);
  }

  @Test
  void stoppingIsANumberedChangeThatHistoryAndSyncShow() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID direct = fixture.direct(alice, bob);
    String cursor = fixture.call(bob, Address.CHAT_SYNC, new JsonObject()).getString("cursor");
    long seq = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(direct, 48.85, 2.35, inAnHour())).getLong("seq");
    fixture.call(alice, Address.CHAT_LOCATION_UPDATE, position(direct, seq, 48.86, 2.34));

    fixture.assertRefused(bob, Address.CHAT_LOCATION_STOP, chat(direct).put("messageSeq", seq), "message.not_sender", 403);
    assertThat(fixture.lastSeq(direct)).isEqualTo(seq);
    JsonObject stopped = fixture.call(alice, Address.CHAT_LOCATION_STOP, chat(direct).put("messageSeq", seq));

    assertThat(fixture.lastSeq(direct)).isEqualTo(seq + 1);
    assertThat(stopped.getJsonObject("location").getString("stoppedAt")).isNotNull();
    assertThat(messageAt(bob, direct, seq).getJsonObject("location").getString("stoppedAt"))
      .isEqualTo(stopped.getJsonObject("location").getString("stoppedAt"));
    JsonObject event = fixture.eventAt(direct, seq + 1).getJsonObject("payload");
    assertThat(event.getString("type")).isEqualTo("location.stopped");
    assertThat(event.getLong("messageSeq")).isEqualTo(seq);

    List<JsonObject> synced = fixture.call(bob, Address.CHAT_SYNC, new JsonObject().put("cursor", cursor))
      .getJsonArray("events").stream().map(item -> (JsonObject) item).toList();
    assertThat(synced).extracting(item -> item.getString("type")).containsExactly("message.sent", "location.stopped");
    JsonObject last = synced.get(1);
    assertThat(last.getJsonObject("data").getString("stoppedAt")).isNotNull();
    assertThat(last.getJsonObject("message").getJsonObject("location").getDouble("latitude")).isEqualTo(48.86);

    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(direct, seq, 1, 1), "location.sharing_ended", 410);
    fixture.assertRefused(alice, Address.CHAT_LOCATION_STOP, chat(direct).put("messageSeq", seq), "location.sharing_ended", 410);
    assertThat(fixture.lastSeq(direct)).isEqualTo(seq + 1);
  }

  @Test
  void aLiveLocationDeletedForEveryoneCannotBeMoved() {
    User alice = fixture.user("alice");
    UUID direct = fixture.direct(alice, fixture.user("bob"));
    long seq = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(direct, 1, 2, inAnHour())).getLong("seq");
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(direct).put("seq", seq).put("scope", "everyone"));

    fixture.assertRefused(alice, Address.CHAT_LOCATION_UPDATE, position(direct, seq, 3, 4), "location.sharing_ended", 410);
  }

  @Test
  void aForwardedLiveLocationArrivesAsAStaticLocationAtItsLastPosition() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID group = fixture.group(alice, bob);
    UUID direct = fixture.direct(bob, alice);
    long seq = fixture.call(alice, Address.CHAT_MESSAGE_SEND, liveLocation(group, 35.68, 139.69, inAnHour())).getLong("seq");
    fixture.call(alice, Address.CHAT_LOCATION_UPDATE, position(group, seq, 35.69, 139.70));

    JsonObject copy = fixture.call(bob, Address.CHAT_MESSAGE_FORWARD, chat(group).put("seq", seq)
      .put("toChatId", direct.toString()).put("clientMessageId", "fwd-1"));

    assertThat(copy.getString("kind")).isEqualTo("location");
    assertThat(copy.getJsonObject("location")).isEqualTo(new JsonObject().put("latitude", 35.69).put("longitude", 139.70));
  }
}
