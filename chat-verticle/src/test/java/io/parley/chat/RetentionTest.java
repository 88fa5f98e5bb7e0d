package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.chat.ChatFixture.User;
import io.parley.media.testing.MediaUploads;
import io.parley.shared.Address;
import io.parley.shared.housekeeping.Housekeeping;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retention job deletes exactly what is older than its chat's retention (the chat's own, else
 * the server's; media messages by the media retention), as of the clock it is given, through the
 * normal delete path: tombstones, numbered {@code message.deleted} changes and their events.
 */
class RetentionTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.withMedia().build();

  /** The job's "now": a fixed instant, so ages are exact. */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @AfterEach
  void serverRetentionOff() {
    fixture.pool().query("UPDATE server_settings SET message_retention_days = NULL, media_retention_days = NULL").execute().await();
  }

  @Test
  void aChatsRetentionDeletesExactlyItsOldMessagesAndMediaByTheirOwnLimit() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID kept = fixture.group(alice, bob);
    UUID limited = fixture.group(alice, bob);
    long old = fixture.send(alice, limited, "eleven days old").getLong("seq");
    long young = fixture.send(bob, limited, "nine days old").getLong("seq");
    long exact = fixture.send(bob, limited, "ten days less a second").getLong("seq");
    long fresh = fixture.send(alice, limited, "new").getLong("seq");
    long photo = photo(alice, limited);
    long elsewhere = fixture.send(alice, kept, "eleven days old, elsewhere").getLong("seq");
    age(limited, old, Duration.ofDays(11));
    age(limited, young, Duration.ofDays(9));
    age(limited, exact, Duration.ofDays(10).minusSeconds(1));
    age(limited, photo, Duration.ofDays(3));
    age(kept, elsewhere, Duration.ofDays(11));
    fixture.pool().preparedQuery("""
        INSERT INTO chat_retention (chat_id, message_retention_days, media_retention_days, updated_at) VALUES ($1, 10, 2, now())""")
      .execute(Tuple.of(limited)).await();
    long before = fixture.lastSeq(limited);

    assertThat(run(NOW)).isEqualTo(2);

    assertThat(deleted(alice, limited)).isEqualTo(Map.of(old, true, young, false, exact, false, fresh, false, photo, true));
    assertThat(deleted(alice, kept)).isEqualTo(Map.of(elsewhere, false));
    assertThat(fixture.lastSeq(limited)).isEqualTo(before + 2);
    for (long change = before + 1; change <= before + 2; change++) {
      JsonObject event = fixture.eventAt(limited, change).getJsonObject("payload");
      assertThat(event.getString("type")).isEqualTo("message.deleted");
      assertThat(event.getString("actorId")).isEqualTo(new UUID(0, 0).toString());
      assertThat(event.getJsonObject("data").getString("removedBy")).isEqualTo("retention");
      assertThat(event.getJsonObject("message").getBoolean("deleted")).isTrue();
    }
    // What a device syncing the chat sees is the same change.
    assertThat(fixture.call(bob, Address.CHAT_CHANGES, chat(limited).put("after", before)).getJsonArray("events"))
      .extracting(change -> ((JsonObject) change).getString("type")).containsExactly("message.deleted", "message.deleted");

    // Two seconds later the message of ten days less a second is old too; nothing else.
    assertThat(run(NOW.plusSeconds(2))).isEqualTo(1);
    assertThat(deleted(alice, limited).get(exact)).isTrue();
    assertThat(run(NOW.plusSeconds(2))).isZero();
  }

  @Test
  void theServersRetentionAppliesWhereAChatHasNone() {
    User carol = fixture.user("carol");
    User dave = fixture.user("dave");
    UUID group = fixture.group(carol, dave);
    long old = fixture.send(carol, group, "forty days old").getLong("seq");
    long young = fixture.send(dave, group, "twenty days old").getLong("seq");
    age(group, old, Duration.ofDays(40));
    age(group, young, Duration.ofDays(20));

    assertThat(run(NOW)).as("no retention set: kept for ever").isZero();
    fixture.pool().query("UPDATE server_settings SET message_retention_days = 30").execute().await();
    run(NOW);

    assertThat(deleted(carol, group)).isEqualTo(Map.of(old, true, young, false));
  }

  private static long run(Instant now) {
    List<HousekeepingJob> jobs = ChatHousekeeping.jobs(fixture.config(), Clock.fixed(now, ZoneOffset.UTC),
      fixture.vertx().eventBus()).stream().filter(job -> job.name().equals(RetentionJob.NAME)).toList();
    return new Housekeeping(fixture.pool(), new SimpleMeterRegistry()).run(jobs.get(0)).await();
  }

  private static long photo(User sender, UUID chatId) {
    MediaUploads uploads = fixture.uploads();
    JsonObject uploaded = uploads.photo(sender.id());
    return fixture.call(sender, Address.CHAT_MESSAGE_SEND, chat(chatId).put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "image").put("media", new JsonObject().put("id", uploaded.getString("id")))).getLong("seq");
  }

  /** Makes a message {@code age} old as of {@link #NOW}. */
  private static void age(UUID chatId, long seq, Duration age) {
    fixture.pool().preparedQuery("UPDATE messages SET created_at = $3 WHERE chat_id = $1 AND seq = $2")
      .execute(Tuple.of(chatId, seq, NOW.minus(age).atOffset(ZoneOffset.UTC))).await();
  }

  private static Map<Long, Boolean> deleted(User viewer, UUID chatId) {
    return fixture.history(viewer, chatId).stream()
      .filter(message -> !"system".equals(message.getString("kind")))
      .collect(Collectors.toMap(message -> message.getLong("seq"), message -> message.getBoolean("deleted")));
  }
}
