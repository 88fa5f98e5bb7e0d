package io.parley.chat;

import static io.parley.chat.ChatFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatFixture.User;
import io.parley.shared.Address;
import io.parley.shared.event.OutboxRelayVerticle;
import io.parley.shared.event.Topics;
import io.parley.testkit.Poll;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sending never waits for Kafka: with no relay running (as when Kafka is down) every send
 * succeeds and its event waits in the outbox; once a relay runs, every event reaches Kafka once,
 * in order per chat.
 */
class OutboxDrainTest {

  @RegisterExtension
  static final ChatFixture fixture = ChatFixture.service().build();

  @Test
  void sendsSucceedWithoutTheRelayAndEveryEventReachesKafkaOnceInOrderWhenItRuns() {
    User alice = fixture.user("alice");
    User bob = fixture.user("bob");
    UUID chatId = fixture.group(alice, bob);
    for (int i = 0; i < 40; i++) {
      fixture.send(i % 2 == 0 ? alice : bob, chatId, "while Kafka is away " + i);
    }
    fixture.call(alice, Address.CHAT_MESSAGE_EDIT, chat(chatId).put("seq", 2).put("text", "edited"));
    fixture.call(alice, Address.CHAT_MESSAGE_DELETE, chat(chatId).put("seq", 4).put("scope", "everyone"));
    long changes = fixture.lastSeq(chatId);
    assertThat(fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1", chatId.toString())).isEqualTo(changes);

    String relay = fixture.vertx().deployVerticle(new OutboxRelayVerticle(), new DeploymentOptions().setConfig(fixture.config())).await();
    try {
      Poll.until(() -> fixture.count("SELECT count(*) FROM outbox WHERE aggregate_id = $1", chatId.toString()) == 0,
        Duration.ofSeconds(60));
    } finally {
      fixture.vertx().undeploy(relay).await();
    }

    List<JsonObject> received = consumeAll(chatId, changes);
    assertThat(received.stream().map(event -> event.getString("id")).distinct()).hasSize((int) changes);
    assertThat(received).extracting(event -> event.getJsonObject("payload").getLong("seq"))
      .containsExactlyElementsOf(LongStream.rangeClosed(1, changes).boxed().toList());
    assertThat(received).extracting(event -> event.getString("type"))
      .startsWith("chat.created", "message.sent").endsWith("message.edited", "message.deleted");
  }

  /** Reads the chat topic from the start until {@code expected} events of the chat arrived (and a little longer, to catch duplicates). */
  private static List<JsonObject> consumeAll(UUID chatId, long expected) {
    Map<String, Object> settings = Map.of(
      "bootstrap.servers", fixture.config().getJsonObject("kafka").getString("bootstrapServers"),
      "group.id", "outbox-drain-test-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "enable.auto.commit", "false");
    List<JsonObject> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.CHATS));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int quietPolls = 0;
      while (System.nanoTime() < deadline && (received.size() < expected || quietPolls < 3)) {
        int before = received.size();
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key().equals(chatId.toString())) {
            received.add(new JsonObject(record.value()));
          }
        }
        quietPolls = received.size() == before && received.size() >= expected ? quietPolls + 1 : 0;
      }
    }
    return received;
  }
}
