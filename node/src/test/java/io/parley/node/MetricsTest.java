package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.parley.media.testing.MediaUploads;
import io.parley.media.testing.Samples;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a scenario (two people connected, typing, messages, an uploaded photo sent, one send over the rate
 * limit, a consumer group behind), {@code /metrics} shows the domain meters with the values the
 * scenario implies, and every series the Grafana dashboard draws exists.
 */
class MetricsTest {

  private static final int SEND_LIMIT = 6;
  private static final byte[] PHOTO = Samples.png(8, 8);

  private static final String SCRAPE_TOKEN = "metrics-test-scraper";

  @RegisterExtension
  static final TestCluster cluster = TestCluster.single()
    .config(ConfigKeys.METRICS_TOKEN, SCRAPE_TOKEN)
    .config(ConfigKeys.CHAT_SEND_RATE_LIMIT, SEND_LIMIT)
    .config(ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 200)
    .build();
  private static Users users;
  private static String scrape;

  @BeforeAll
  static void scenario() throws Exception {
    users = new Users(cluster.vertx());
    Node node = cluster.member(0);
    User alice = users.register(node, "alice");
    User bob = users.register(node, "bob");
    String chat = users.createGroup(node, alice, List.of(bob));
    String group = "parley-metrics-test-" + UUID.randomUUID();
    try (BridgeClient aliceDevice = users.connect(node, alice); BridgeClient bobDevice = users.connect(node, bob)) {
      Users.request(aliceDevice, alice, Address.REALTIME_TYPING, new JsonObject().put("chatId", chat));
      for (int i = 0; i < SEND_LIMIT - 1; i++) {
        send(aliceDevice, alice, chat, new JsonObject().put("kind", "text").put("text", "hello " + i));
      }
      JsonObject photo = new MediaUploads(node.vertx(), node.httpPort())
        .upload(UUID.fromString(alice.id()), "image", "image/png", PHOTO, "photo.png");
      send(aliceDevice, alice, chat, new JsonObject().put("kind", "image")
        .put("media", new JsonObject().put("id", photo.getString("id"))));
      int refused = WebClient.create(cluster.vertx()).post(node.httpPort(), "127.0.0.1", "/api/v1/chats/" + chat + "/messages")
        .putHeader("Authorization", "Bearer " + alice.token())
        .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "one too many"))
        .await().statusCode();
      assertThat(refused).isEqualTo(429);
      consumeOneRecordAndCommit(group);

      Poll.until(() -> {
        scrape = scrape(node);
        return value("parley_messages_sent_total", "kind=\"text\"") == SEND_LIMIT - 1
          && value("parley_realtime_deliveries_total", "") >= 2 * SEND_LIMIT
          && value("parley_outbox_relayed_total", "") >= SEND_LIMIT
          && value("parley_kafka_consumer_lag", "group=\"" + group + "\"") >= 0
          && value("parley_presence_changes_total", "status=\"online\"") >= 1;
      }, WAIT);
    }
  }

  @Test
  void realtimeMetersCountTheScenariosConnectionsFramesDeliveriesAndLatency() {
    assertThat(value("parley_realtime_connections", "")).isEqualTo(2);
    assertThat(value("parley_realtime_users", "")).isEqualTo(2);
    assertThat(value("parley_realtime_frames_in_total", "")).isGreaterThanOrEqualTo(2 + 2 + 1 + SEND_LIMIT);
    assertThat(value("parley_realtime_frames_out_total", "")).isGreaterThanOrEqualTo(2 * SEND_LIMIT);
    assertThat(value("parley_realtime_deliveries_total", "")).as("each message to both devices").isGreaterThanOrEqualTo(2 * SEND_LIMIT);
    assertThat(value("parley_realtime_delivery_latency_seconds_count", "")).isGreaterThanOrEqualTo(SEND_LIMIT);
    assertThat(value("parley_realtime_delivery_latency_seconds_bucket", "le=\"+Inf\"")).isGreaterThanOrEqualTo(SEND_LIMIT);
    assertThat(value("parley_typing_events_total", "")).isEqualTo(1);
    assertThat(value("parley_presence_changes_total", "status=\"online\"")).isGreaterThanOrEqualTo(1);
    assertThat(value("parley_realtime_slow_consumer_disconnects_total", "")).isZero();
  }

  @Test
  void messagingMetersCountSendsMediaLatencyAndTheRateLimitRefusal() {
    assertThat(value("parley_messages_sent_total", "kind=\"text\"")).isEqualTo(SEND_LIMIT - 1);
    assertThat(value("parley_messages_sent_total", "kind=\"image\"")).isEqualTo(1);
    assertThat(value("parley_media_bytes_total", "kind=\"image\"")).as("bytes stored by the media service").isEqualTo(PHOTO.length);
    assertThat(value("parley_messages_send_latency_seconds_count", "")).isEqualTo(SEND_LIMIT);
    assertThat(value("parley_rate_limit_refusals_total", "limit=\"chat.send\"")).isEqualTo(1);
  }

  @Test
  void eventMetersShowTheRelayTheOutboxAndTheLagOfAConsumerGroup() {
    assertThat(value("parley_outbox_relayed_total", "")).isGreaterThanOrEqualTo(SEND_LIMIT);
    assertThat(value("parley_outbox_backlog", "")).isGreaterThanOrEqualTo(0);
    assertThat(value("parley_outbox_relay_lag_seconds", "")).isGreaterThanOrEqualTo(0);
    assertThat(scrape).contains("parley_kafka_consumer_lag{").contains("topic=\"" + Topics.CHATS + "\"");
  }

  @Test
  void everySeriesTheDashboardDrawsIsScraped() throws Exception {
    String dashboard = Files.readString(Path.of(System.getProperty("parley.dashboard")));
    Set<String> drawn = new TreeSet<>();
    Matcher names = Pattern.compile("\\b((?:parley|vertx|jvm|process)_[a-z0-9_]+)").matcher(dashboard);
    while (names.find()) {
      drawn.add(names.group(1).replaceAll("_(bucket|count|sum)$", ""));
    }
    assertThat(drawn).contains("parley_realtime_connections", "parley_messages_sent_total", "parley_kafka_consumer_lag");
    // Push results come from the notifier, which this build does not run.
    drawn.remove("parley_push_results_total");
    assertThat(drawn).allSatisfy(name -> assertThat(scrape).as("scraped series " + name).containsPattern("(?m)^" + name + "[{_ ]"));
  }

  private static void send(BridgeClient device, User sender, String chat, JsonObject message) throws InterruptedException {
    Users.request(device, sender, Address.CHAT_MESSAGE_SEND, message.put("chatId", chat)
      .put("clientMessageId", UUID.randomUUID().toString()));
  }

  /** A consumer group that reads one record and commits, leaving the rest as its lag. */
  private static void consumeOneRecordAndCommit(String group) {
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", Config.string(TestBackends.config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "group.id", group, "auto.offset.reset", "earliest", "enable.auto.commit", "false",
      "max.poll.records", "1",
      "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", StringDeserializer.class.getName()));
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(Topics.CHATS));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (consumer.poll(java.time.Duration.ofMillis(200)).isEmpty() && System.nanoTime() < deadline) {
        // wait for the assignment and a record
      }
      consumer.commitSync();
    }
  }

  private static String scrape(Node node) {
    return WebClient.create(cluster.vertx()).get(node.httpPort(), "127.0.0.1", "/metrics")
      .putHeader("Authorization", "Bearer " + SCRAPE_TOKEN).send().await().bodyAsString();
  }

  /** The sum of a metric's series whose labels contain {@code labels}; -1 when there is none. */
  private static double value(String name, String labels) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{([^}]*)})? ([0-9.eE+-]+)$").matcher(scrape);
    double sum = 0;
    boolean found = false;
    while (line.find()) {
      if (line.group(2) == null ? labels.isEmpty() : line.group(2).contains(labels)) {
        sum += Double.parseDouble(line.group(3));
        found = true;
      }
    }
    return found ? sum : -1;
  }
}
