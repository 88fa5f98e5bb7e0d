package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.backends.EmbeddedKafka;
import io.parley.node.Users.User;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.parley.testkit.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Kafka is not on the send path: with it down, sends succeed; when it returns, every event arrives once, in order. */
class KafkaOutageTest {

  @Test
  void sendsSucceedWhileKafkaIsDownAndEveryEventArrivesOnceInOrderWhenItReturns() throws Exception {
    JsonObject config = TestNodes.fresh();
    int kafkaPort = FreePorts.next();
    Config.set(config, ConfigKeys.KAFKA_EMBEDDED_PORT, kafkaPort);
    Vertx client = Vertx.vertx();
    EmbeddedKafka restarted = null;
    try (Node node = Node.start(config)) {
      Users users = new Users(client);
      User alice = users.register(node, "alice");
      User bob = users.register(node, "bob");
      String chat = users.createGroup(node, alice, List.of(bob));

      node.embedded().kafka().close();
      WebClient http = WebClient.create(client);
      List<Long> sent = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        var response = http.post(node.httpPort(), "127.0.0.1", "/api/v1/chats/" + chat + "/messages")
          .putHeader("Authorization", "Bearer " + alice.token())
          .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text")
            .put("text", "while Kafka is down " + i)).await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
        sent.add(response.bodyAsJsonObject().getLong("seq"));
      }

      Path kafkaData = Path.of(Config.string(node.config(), ConfigKeys.NODE_DATA_DIR), "embedded", "kafka");
      restarted = EmbeddedKafka.start(kafkaData, "127.0.0.1", kafkaPort, kafkaPort + 1, EmbeddedKafka.DEFAULT_PARTITIONS);

      List<JsonObject> events = chatEvents(restarted.bootstrapServers(), chat, sent.get(sent.size() - 1));
      Set<String> ids = new HashSet<>();
      events.forEach(event -> assertThat(ids.add(event.getString("id"))).as("no duplicate event").isTrue());
      List<Long> seqs = events.stream().map(event -> event.getJsonObject("payload").getLong("seq"))
        .filter(seq -> seq != null).toList();
      assertThat(seqs).as("numbered changes in order").isSorted();
      assertThat(events.stream().filter(event -> "message.sent".equals(event.getString("type")))
        .map(event -> event.getJsonObject("payload").getLong("seq")).toList()).isEqualTo(sent);
    } finally {
      if (restarted != null) {
        restarted.close();
      }
      client.close().await();
    }
  }

  /** The chat's events on Kafka, read until the one numbered {@code lastSeq} has arrived (and a moment more, for duplicates). */
  private static List<JsonObject> chatEvents(String bootstrapServers, String chat, long lastSeq) {
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", bootstrapServers,
      "group.id", "outage-test-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "key.deserializer", StringDeserializer.class.getName(),
      "value.deserializer", StringDeserializer.class.getName()));
    List<JsonObject> events = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(Topics.CHATS));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      boolean complete = false;
      while (!complete && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
          if (chat.equals(record.key())) {
            JsonObject event = new JsonObject(record.value());
            events.add(event);
            Long seq = event.getJsonObject("payload").getLong("seq");
            complete |= seq != null && seq == lastSeq;
          }
        }
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
        if (chat.equals(record.key())) {
          events.add(new JsonObject(record.value()));
        }
      });
    }
    return events;
  }
}
