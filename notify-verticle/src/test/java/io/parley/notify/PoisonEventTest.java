package io.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.notify.NotifyFixture.Person;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Topics;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record that is not an event, and an event that fails every time it is applied, are logged,
 * kept in {@code notify_poison} and skipped: the partition goes on to the next event.
 */
class PoisonEventTest {

  @RegisterExtension
  static final NotifyFixture fixture = NotifyFixture.service().build();

  @Test
  void poisonIsSkippedAfterItsAttemptsAndThePartitionMovesOn() {
    Person alice = fixture.person("Alice");
    Person bob = fixture.person("Bob");
    UUID chat = fixture.direct(alice, bob);
    fixture.send(alice, chat, "before");
    fixture.awaitStored(bob, 1);

    // Keyed by the chat, as the outbox relay keys its events: the same partition as the chat's.
    fixture.produce(Topics.CHATS, chat.toString(), "this is not an event");
    // PostgreSQL cannot store a NUL character: this event fails each time it is applied.
    fixture.produce(Topics.CHATS, chat.toString(), unstorable(chat, alice).toJson().encode());
    fixture.send(alice, chat, "after");

    Poll.until(() -> fixture.items(bob).get(0).getInteger("count") == 2, NotifyFixture.WAIT);
    assertThat(fixture.items(bob).get(0).getString("body")).isEqualTo("2 new messages");
    List<String> kept = fixture.pool.query("SELECT error FROM notify_poison ORDER BY id").execute().await().stream()
      .map(row -> row.getString("error")).toList();
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0)).startsWith("Not an event envelope");
    assertThat(kept.get(1)).contains("0x00");
  }

  private static EventEnvelope unstorable(UUID chat, Person sender) {
    JsonObject message = new JsonObject().put("senderId", sender.id().toString()).put("kind", "text")
      .put("text", "broken \u0000 text").put("mentions", new JsonArray()).put("seq", 99);
    JsonObject payload = new JsonObject().put("chatId", chat.toString()).put("seq", 99).put("type", "message.sent")
      .put("actorId", sender.id().toString()).put("message", message);
    return new EventEnvelope(UUID.randomUUID().toString(), "message.sent", Instant.now(), chat.toString(), payload, 1);
  }
}
