package io.parley.shared.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.infra.Connections;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Events written with their state reach Kafka once each, in order per aggregate, and leave the outbox. */
@ExtendWith(VertxExtension.class)
class OutboxRelayTest {

  private static Vertx vertx;
  private static Pool pool;
  private static JsonObject config;

  @BeforeAll
  static void start(Vertx classVertx) {
    vertx = classVertx;
    config = TestBackends.config();
    pool = Connections.postgres(vertx, config);
    new Migrator(vertx, pool).migrate().await();
  }

  @Test
  void eventsCommittedWhileNoRelayRunsArriveOnceInOrderPerAggregateWhenTwoRelaysStart() throws Exception {
    String topic = "test.outbox." + UUID.randomUUID();
    List<String> aggregates = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
    for (int version = 1; version <= 40; version++) {
      int seq = version;
      pool.withTransaction(tx -> Outbox.append(tx, topic, aggregates.stream().map(aggregate -> event(aggregate, seq)).toList()))
        .await();
    }

    // Two nodes' relays compete; the lock lets one work at a time, so nothing interleaves.
    KafkaProducer<String, String> producer = Connections.kafkaProducer(vertx, config);
    OutboxRelay first = new OutboxRelay(vertx, pool, producer);
    OutboxRelay second = new OutboxRelay(vertx, pool, producer);
    first.start();
    second.start();
    try {
      List<ConsumerRecord<String, String>> records = consume(topic, 120, Duration.ofSeconds(30));
      assertThat(records).hasSize(120);
      for (String aggregate : aggregates) {
        List<Integer> order = records.stream().filter(r -> r.key().equals(aggregate))
          .map(r -> new JsonObject(r.value()).getJsonObject("payload").getInteger("seq")).toList();
        assertThat(order).as("events of " + aggregate).isSorted().hasSize(40).doesNotHaveDuplicates();
      }
      assertThat(pool.preparedQuery("SELECT count(*) AS left FROM outbox WHERE topic = $1")
        .execute(io.vertx.sqlclient.Tuple.of(topic)).await().iterator().next().getInteger("left")).isZero();
    } finally {
      first.stop();
      second.stop();
    }
  }

  private static EventEnvelope event(String aggregate, int seq) {
    // A real type with its schema's fields: in tests the outbox refuses an event its schemas do not know.
    return new EventEnvelope(UUID.randomUUID().toString(), "user.deleted", Instant.now(), aggregate,
      new JsonObject().put("userId", aggregate).put("seq", seq), 1);
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected, Duration timeout) {
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "group.id", "outbox-test-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "key.deserializer", StringDeserializer.class.getName(),
      "value.deserializer", StringDeserializer.class.getName()));
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      // Anything beyond the expected count would be a duplicate: give it a moment to show up.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }
}
