package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.OutboxRelayVerticle;
import io.parley.shared.event.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Account events reach Kafka through the outbox, in order, keyed by user id. */
class UserEventsTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().deploy(OutboxRelayVerticle::new).build();

  @Test
  void registeredUpdatedAndDeletedReachKafkaInOrder() {
    String username = AuthHarness.uniqueName("Evented");
    JsonObject account = harness.register(username);
    String userId = account.getJsonObject("user").getString("id");
    String token = account.getString("accessToken");
    harness.patch("/me", token, new JsonObject().put("displayName", "Renamed"));
    harness.delete("/me", token, new JsonObject().put("password", AuthHarness.PASSWORD));

    List<ConsumerRecord<String, String>> records = consume(userId, 3);
    List<EventEnvelope> events = records.stream().map(record -> EventEnvelope.fromJson(new JsonObject(record.value()))).toList();
    assertThat(events).extracting(EventEnvelope::type).containsExactly("user.registered", "user.updated", "user.deleted");
    assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(userId));

    EventEnvelope registered = events.get(0);
    assertThat(registered.aggregateId()).isEqualTo(userId);
    assertThat(registered.payload().getString("username")).isEqualTo(username);
    assertThat(registered.payload().getString("displayName")).isEqualTo("Test " + username);
    assertThat(events.get(1).payload().getString("displayName")).isEqualTo("Renamed");
    assertThat(events.get(2).payload()).isEqualTo(new JsonObject().put("userId", userId));
    assertThat(records).allSatisfy(record -> assertThat(record.value()).doesNotContain("@example.org"));
  }

  @Test
  void aSignInOnAnotherDeviceIsAnEventNamingItsSessionButNotItsAddress() {
    String username = AuthHarness.uniqueName("Signing");
    String userId = harness.register(username).getJsonObject("user").getString("id");
    JsonObject second = harness.login(username, AuthHarness.PASSWORD, "Work laptop");
    String sessionId = new JsonObject(new String(java.util.Base64.getUrlDecoder()
      .decode(second.getString("accessToken").split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8)).getString("sid");

    List<EventEnvelope> events = consume(userId, 2).stream()
      .map(record -> EventEnvelope.fromJson(new JsonObject(record.value()))).toList();

    assertThat(events).extracting(EventEnvelope::type).containsExactly("user.registered", "user.signed_in");
    JsonObject signedIn = events.get(1).payload();
    assertThat(signedIn.getString("userId")).isEqualTo(userId);
    assertThat(signedIn.getString("sessionId")).isEqualTo(sessionId);
    assertThat(signedIn.getString("deviceName")).isEqualTo("Work laptop");
    assertThat(signedIn.fieldNames()).doesNotContain("clientAddress");
  }

  /** Reads the users topic from the start until {@code count} events of {@code userId} arrived. */
  private static List<ConsumerRecord<String, String>> consume(String userId, int count) {
    Map<String, Object> settings = Map.of(
      "bootstrap.servers", Config.string(harness.config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "group.id", "user-events-test-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "enable.auto.commit", "false");
    List<ConsumerRecord<String, String>> mine = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.USERS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (mine.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (userId.equals(record.key())) {
            mine.add(record);
          }
        }
      }
    }
    assertThat(mine).as("events of user %s on %s", userId, Topics.USERS).hasSize(count);
    return mine;
  }
}
