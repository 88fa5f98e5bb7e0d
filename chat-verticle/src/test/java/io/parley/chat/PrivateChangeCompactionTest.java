package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.housekeeping.Housekeeping;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compacting the private change log folds away settings changes that a newer one for the same chat
 * supersedes; a device syncing from before all of them still ends with the member's current
 * settings, and hides and the newest settings stay.
 */
class PrivateChangeCompactionTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 10_000).build();

  @Test
  void supersededSettingsChangesAreFoldedAwayAndSyncStillEndsInTheCurrentSettings() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID group = fixture.group(alice, bob);
    UUID other = fixture.group(alice, bob);
    long message = fixture.send(bob, group, "hide me").getLong("seq");
    String before = fixture.call(alice, Address.CHAT_SYNC, new JsonObject()).getString("cursor");

    fixture.call(alice, Address.CHAT_SETTINGS, chat(group).put("pinned", true));
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(group).put("seq", message).put("scope", "me"));
    fixture.call(alice, Address.CHAT_SETTINGS, chat(group).put("mutedUntil", "2999-01-01T00:00:00Z"));
    fixture.call(alice, Address.CHAT_SETTINGS, chat(other).put("archived", true));
    JsonObject current = fixture.call(alice, Address.CHAT_SETTINGS, chat(group).put("pinned", false));
    assertThat(privateTypes(alice)).hasSize(5);

    // Everything recorded so far is older than "an hour from now".
    List<HousekeepingJob> jobs = ChatHousekeeping.jobs(fixture.config().copy()
        .put("housekeeping", new JsonObject().put("privateChangeRetentionHours", 0)),
      Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC));
    new Housekeeping(fixture.pool(), new SimpleMeterRegistry()).runAll(jobs).await();

    assertThat(privateTypes(alice)).as("the hide, the newest settings of each chat")
      .containsExactly("message.hidden", "chat.settings.changed", "chat.settings.changed");
    List<JsonObject> synced = privateEvents(fixture.call(alice, Address.CHAT_SYNC,
      new JsonObject().put("cursor", before).put("limit", 1000)));
    JsonObject lastOfGroup = synced.stream()
      .filter(event -> "chat.settings.changed".equals(event.getString("type")) && group.toString().equals(event.getString("chatId")))
      .reduce((first, second) -> second).orElseThrow();
    assertThat(lastOfGroup.getBoolean("pinned")).isFalse();
    assertThat(lastOfGroup.getString("mutedUntil")).isNotNull().isEqualTo(current.getString("mutedUntil"));
    assertThat(synced).extracting(event -> event.getString("type")).contains("message.hidden");
  }

  @Test
  void changesYoungerThanTheRetentionAreKept() {
    User carol = fixture.user("carol");
    User dave = fixture.user("dave");
    UUID group = fixture.group(carol, dave);
    fixture.call(carol, Address.CHAT_SETTINGS, chat(group).put("pinned", true));
    fixture.call(carol, Address.CHAT_SETTINGS, chat(group).put("pinned", false));

    new Housekeeping(fixture.pool(), new SimpleMeterRegistry())
      .runAll(ChatHousekeeping.jobs(fixture.config(), Clock.systemUTC())).await();

    assertThat(privateTypes(carol)).hasSize(2);
  }

  private static List<String> privateTypes(User user) {
    List<String> types = new ArrayList<>();
    fixture.pool().preparedQuery("SELECT type FROM private_changes WHERE user_id = $1 ORDER BY seq")
      .execute(Tuple.of(user.id())).await().forEach(row -> types.add(row.getString("type")));
    return types;
  }

  private static List<JsonObject> privateEvents(JsonObject page) {
    return page.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(event -> event.containsKey("userSeq")).toList();
  }
}
