package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.parley.node.OtlpReceiver.ReceivedSpan;
import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.tracing.KafkaTracing;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.sqlclient.Pool;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One message send, exported over OTLP to a receiver in the test, is one trace across the
 * cluster: the REST call (or bridge command) on the gateway node, the bus request into the chat
 * service on the other node, its PostgreSQL and Redis calls, the outbox relay's Kafka send and a
 * Kafka consumer's work (standing in for the notifier) with its own PostgreSQL call.
 */
class TracingTest {

  private static final Vertx receiverVertx = Vertx.vertx();
  private static final OtlpReceiver receiver = new OtlpReceiver(receiverVertx);

  @RegisterExtension
  static final TestCluster cluster = TestCluster.clustered(List.of("gateway"), List.of("auth", "chat"))
    .config(ConfigKeys.TRACING_OTLP_ENDPOINT, receiver.endpoint())
    .build();

  private static Vertx consumerVertx;
  private static OpenTelemetrySdk consumerTelemetry;
  private static KafkaConsumer<String, String> consumer;
  /** Correlation id header of each record the consumer handled, by chat. */
  private static final Map<String, String> correlationOfChat = new ConcurrentHashMap<>();
  private static Users users;

  @BeforeAll
  static void consumer() {
    users = new Users(cluster.vertx());
    JsonObject config = TestBackends.config();
    Config.set(config, ConfigKeys.TRACING_OTLP_ENDPOINT, receiver.endpoint());
    consumerTelemetry = Telemetry.create(config, "notify");
    consumerVertx = Vertx.builder().with(new VertxOptions().setTracingOptions(new OpenTelemetryOptions()))
      .withTracer(new OpenTelemetryTracingFactory(consumerTelemetry)).build();
    NodeServices.register(consumerVertx, new NodeServices("notify", new SimpleMeterRegistry(), consumerTelemetry));
    Pool pool = Connections.postgres(consumerVertx, config);
    consumer = KafkaConsumer.create(consumerVertx, Map.of(
      "bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "group.id", "parley-trace-test-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
      "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"));
    consumer.handler(record -> KafkaTracing.consume(consumerVertx, record,
      () -> pool.query("SELECT 1").execute().onSuccess(done -> {
        String correlation = KafkaTracing.header(record, Headers.CORRELATION_ID);
        correlationOfChat.put(record.key(), correlation == null ? "" : correlation);
      })));
    consumer.subscribe(Set.of(Topics.CHATS)).await();
  }

  @AfterAll
  static void stop() {
    consumer.close().await();
    consumerVertx.close().await();
    consumerTelemetry.close();
    receiver.close();
    receiverVertx.close().await();
  }

  @Test
  void aRestSendIsOneTraceFromGatewayThroughChatPostgresAndKafkaToTheConsumer() {
    Node gateway = cluster.member(0);
    User alice = users.register(gateway, "alice");
    User bob = users.register(gateway, "bob");
    String chat = users.createGroup(gateway, alice, List.of(bob));
    String correlationId = "trace-" + UUID.randomUUID();

    int status = WebClient.create(cluster.vertx()).post(gateway.httpPort(), "127.0.0.1", "/api/v1/chats/" + chat + "/messages")
      .putHeader("Authorization", "Bearer " + alice.token()).putHeader("X-Correlation-Id", correlationId)
      .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text")
        .put("text", "traced"))
      .await().statusCode();
    assertThat(status).isEqualTo(201);

    List<ReceivedSpan> trace = completeTraceOf("/api/v1/chats/" + chat + "/messages");
    ReceivedSpan root = trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
    assertThat(root.instance()).isEqualTo(gateway.name());
    assertThat(root.kind()).isEqualTo(OtlpReceiver.SERVER);
    assertThroughChatPostgresRedisAndKafka(trace, cluster.member(1).name());
    Poll.until(() -> correlationOfChat.containsKey(chat), WAIT);
    assertThat(correlationOfChat.get(chat)).as("the consumer sees the client's correlation id").isEqualTo(correlationId);
  }

  @Test
  void aBridgeSendIsOneTraceStartingAtTheBridgeCommand() throws Exception {
    Node gateway = cluster.member(0);
    User carol = users.register(gateway, "carol");
    User dave = users.register(gateway, "dave");
    String chat = users.createGroup(gateway, carol, List.of(dave));
    try (BridgeClient device = users.connect(gateway, carol)) {
      Users.request(device, carol, Address.CHAT_MESSAGE_SEND, new JsonObject().put("chatId", chat)
        .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "traced too"));
    }
    List<ReceivedSpan> trace = completeTraceOf(null);
    ReceivedSpan root = trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
    assertThat(root.name()).isEqualTo("bridge " + Address.CHAT_MESSAGE_SEND);
    assertThat(root.instance()).isEqualTo(gateway.name());
    assertThroughChatPostgresRedisAndKafka(trace, cluster.member(1).name());
  }

  /**
   * Waits for the trace whose root is the REST call to {@code path} (or, with none, the one bridge
   * send of this class) to hold the consumer's span and that span's PostgreSQL child, with every
   * span's parent received.
   */
  private static List<ReceivedSpan> completeTraceOf(String path) {
    String[] found = new String[1];
    Poll.until(() -> {
      for (ReceivedSpan consumed : receiver.spans()) {
        if (consumed.kind() != OtlpReceiver.CONSUMER || !consumed.instance().equals("notify")) {
          continue;
        }
        List<ReceivedSpan> trace = receiver.trace(consumed.traceId());
        boolean ours = path != null
          ? trace.stream().anyMatch(span -> span.isRoot() && path.equals(span.attributes().get("url.path")))
          : trace.stream().anyMatch(span -> span.isRoot() && span.name().equals("bridge " + Address.CHAT_MESSAGE_SEND));
        boolean consumerQueried = trace.stream().anyMatch(span -> span.parentSpanId().equals(consumed.spanId())
          && "postgresql".equals(span.attributes().get("db.system")));
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        // Spans arrive in batches from three exporters: wait until no parent is missing.
        boolean whole = trace.stream().allMatch(span -> span.isRoot() || ids.contains(span.parentSpanId()));
        if (ours && consumerQueried && whole) {
          found[0] = consumed.traceId();
          return true;
        }
      }
      return false;
    }, WAIT);
    return receiver.trace(found[0]);
  }

  private static void assertThroughChatPostgresRedisAndKafka(List<ReceivedSpan> trace, String chatNode) {
    Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
    assertThat(trace).as("one root, and every other span's parent in the same trace")
      .filteredOn(ReceivedSpan::isRoot).hasSize(1);
    assertThat(trace).filteredOn(span -> !span.isRoot()).allMatch(span -> ids.contains(span.parentSpanId()));
    assertThat(trace).as("the chat service received the bus request on its node")
      .anyMatch(span -> span.instance().equals(chatNode) && span.kind() == OtlpReceiver.SERVER);
    assertThat(trace).as("the chat service's PostgreSQL calls")
      .anyMatch(span -> span.instance().equals(chatNode) && "postgresql".equals(span.attributes().get("db.system")));
    assertThat(trace).as("the send's rate limit in Redis")
      .anyMatch(span -> span.instance().equals(chatNode) && "redis".equals(span.attributes().get("db.system")));
    assertThat(trace).as("the relay's Kafka send")
      .anyMatch(span -> span.kind() == OtlpReceiver.PRODUCER && span.name().equals(Topics.CHATS + " publish"));
    assertThat(trace).as("the consumer's work")
      .anyMatch(span -> span.kind() == OtlpReceiver.CONSUMER && span.instance().equals("notify"));
  }
}
