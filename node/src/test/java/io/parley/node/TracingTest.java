package io.parley.node;

import static io.parley.node.Users.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.OtlpReceiver.ReceivedSpan;
import io.parley.node.Users.User;
import io.parley.shared.Address;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.Topics;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.Poll;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One message send, exported over OTLP to a receiver in the test, is one trace across the
 * cluster: the REST call (or bridge command) on the gateway node, the bus request into the chat
 * service on its node, its PostgreSQL and Redis calls, the outbox relay's Kafka send, and the
 * notify node's consumer handling the event for a recipient who is away, with its PostgreSQL
 * reads and the write of the notification.
 */
class TracingTest {

  private static final String PROCESS = Topics.CHATS + " process";
  private static final String NOTIFICATION_WRITE = "INSERT INTO notifications";

  private static final Vertx receiverVertx = Vertx.vertx();
  private static final OtlpReceiver receiver = new OtlpReceiver(receiverVertx);

  @RegisterExtension
  static final TestCluster cluster = TestCluster.clustered(List.of("gateway"), List.of("auth", "chat"), List.of("notify"))
    .config(ConfigKeys.TRACING_OTLP_ENDPOINT, receiver.endpoint())
    .build();

  private static Users users;
  private static WebClient http;

  @BeforeAll
  static void clients() {
    users = new Users(cluster.vertx());
    http = WebClient.create(cluster.vertx());
  }

  @AfterAll
  static void stop() {
    receiver.close();
    receiverVertx.close().await();
  }

  @Test
  void aRestSendIsOneTraceFromGatewayThroughChatPostgresAndKafkaToTheNotifier() {
    Node gateway = cluster.member(0);
    User alice = users.register(gateway, "alice");
    User bob = users.register(gateway, "bob");
    String chat = users.createGroup(gateway, alice, List.of(bob));
    awaitNotification(gateway, bob, "added");
    String correlationId = "trace-" + UUID.randomUUID();

    int status = http.post(gateway.httpPort(), "127.0.0.1", "/api/v1/chats/" + chat + "/messages")
      .putHeader("Authorization", "Bearer " + alice.token()).putHeader("X-Correlation-Id", correlationId)
      .sendJsonObject(new JsonObject().put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text")
        .put("text", "traced"))
      .await().statusCode();
    assertThat(status).isEqualTo(201);

    List<ReceivedSpan> trace = completeTraceOf("/api/v1/chats/" + chat + "/messages");
    ReceivedSpan root = trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
    assertThat(root.instance()).isEqualTo(gateway.name());
    assertThat(root.kind()).isEqualTo(OtlpReceiver.SERVER);
    ReceivedSpan processed = assertThroughChatPostgresKafkaAndNotify(trace);
    assertThat(processed.attributes().get("parley.correlation_id")).as("the notifier continues the client's correlation id")
      .isEqualTo(correlationId);
    awaitNotification(gateway, bob, "message");
  }

  @Test
  void aBridgeSendIsOneTraceStartingAtTheBridgeCommand() throws Exception {
    Node gateway = cluster.member(0);
    User carol = users.register(gateway, "carol");
    User dave = users.register(gateway, "dave");
    String chat = users.createGroup(gateway, carol, List.of(dave));
    awaitNotification(gateway, dave, "added");
    try (BridgeClient device = users.connect(gateway, carol)) {
      Users.request(device, carol, Address.CHAT_MESSAGE_SEND, new JsonObject().put("chatId", chat)
        .put("clientMessageId", UUID.randomUUID().toString()).put("kind", "text").put("text", "traced too"));
    }
    List<ReceivedSpan> trace = completeTraceOf(null);
    ReceivedSpan root = trace.stream().filter(ReceivedSpan::isRoot).findFirst().orElseThrow();
    assertThat(root.name()).isEqualTo("bridge " + Address.CHAT_MESSAGE_SEND);
    assertThat(root.instance()).isEqualTo(gateway.name());
    assertThroughChatPostgresKafkaAndNotify(trace);
  }

  /**
   * Waits until {@code user}, who is away, has a notification of {@code type}. Waiting for the
   * group's "added" before sending means the send's event is the only one in the notifier's next
   * batch: a batch continues one trace (its first traced record's) and only links the others.
   */
  private static void awaitNotification(Node gateway, User user, String type) {
    Poll.until(() -> http.get(gateway.httpPort(), "127.0.0.1", "/api/v1/notifications")
      .putHeader("Authorization", "Bearer " + user.token()).send().await()
      .bodyAsJsonObject().getJsonArray("items").stream()
      .anyMatch(item -> type.equals(((JsonObject) item).getString("type"))), WAIT);
  }

  /**
   * Waits for the trace whose root is the REST call to {@code path} (or, with none, the one bridge
   * send of this class) to hold the notifier's batch span and, under it, the write of the
   * notification, with every span's parent received.
   */
  private static List<ReceivedSpan> completeTraceOf(String path) {
    String notifyNode = cluster.member(2).name();
    String[] found = new String[1];
    Poll.until(() -> {
      for (ReceivedSpan processed : receiver.spans()) {
        if (processed.kind() != OtlpReceiver.CONSUMER || !processed.instance().equals(notifyNode)) {
          continue;
        }
        List<ReceivedSpan> trace = receiver.trace(processed.traceId());
        boolean ours = path != null
          ? trace.stream().anyMatch(span -> span.isRoot() && path.equals(span.attributes().get("url.path")))
          : trace.stream().anyMatch(span -> span.isRoot() && span.name().equals("bridge " + Address.CHAT_MESSAGE_SEND));
        boolean written = sqlUnder(trace, processed).stream().anyMatch(TracingTest::writesTheNotification);
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        // Spans arrive in batches from three exporters: wait until no parent is missing.
        boolean whole = trace.stream().allMatch(span -> span.isRoot() || ids.contains(span.parentSpanId()));
        if (ours && written && whole) {
          found[0] = processed.traceId();
          return true;
        }
      }
      return false;
    }, WAIT);
    return receiver.trace(found[0]);
  }

  /** The chain through every node; returns the notifier's span. */
  private static ReceivedSpan assertThroughChatPostgresKafkaAndNotify(List<ReceivedSpan> trace) {
    String chatNode = cluster.member(1).name();
    String notifyNode = cluster.member(2).name();
    Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
    assertThat(trace).as("one root, and every other span's parent in the same trace")
      .filteredOn(ReceivedSpan::isRoot).hasSize(1);
    assertThat(trace).filteredOn(span -> !span.isRoot()).allMatch(span -> ids.contains(span.parentSpanId()));
    assertThat(trace).as("the chat service received the bus request on its node")
      .anyMatch(span -> span.instance().equals(chatNode) && span.kind() == OtlpReceiver.SERVER);
    assertThat(trace).as("the chat service's PostgreSQL calls")
      .anyMatch(span -> span.instance().equals(chatNode) && "postgresql".equals(span.attributes().get("db.system")));
    assertThat(trace).as("no Redis round trip for the send: its rate limit is counted in the node's memory")
      .noneMatch(span -> span.instance().equals(chatNode) && "redis".equals(span.attributes().get("db.system")));
    Set<String> publishes = trace.stream()
      .filter(span -> span.kind() == OtlpReceiver.PRODUCER && span.name().equals(Topics.CHATS + " publish"))
      .map(ReceivedSpan::spanId).collect(Collectors.toSet());
    assertThat(publishes).as("the relay's Kafka send").isNotEmpty();

    ReceivedSpan processed = trace.stream()
      .filter(span -> span.kind() == OtlpReceiver.CONSUMER && span.instance().equals(notifyNode))
      .findFirst().orElseThrow();
    assertThat(processed.name()).isEqualTo(PROCESS);
    assertThat(processed.parentSpanId()).as("the notifier's batch continues the relay's send").isIn(publishes);
    List<ReceivedSpan> sql = sqlUnder(trace, processed);
    assertThat(sql).as("the notifier's PostgreSQL calls, on its node")
      .isNotEmpty().allMatch(span -> span.instance().equals(notifyNode));
    assertThat(sql).as("the recipients read through notify's views").anyMatch(span ->
      String.valueOf(span.attributes().get("db.query.text")).contains("notify_chat_members"));
    assertThat(sql).as("the notification written for the recipient who is away")
      .anyMatch(TracingTest::writesTheNotification);
    return processed;
  }

  /** The PostgreSQL spans that are children of {@code parent}. */
  private static List<ReceivedSpan> sqlUnder(List<ReceivedSpan> trace, ReceivedSpan parent) {
    return trace.stream().filter(span -> span.parentSpanId().equals(parent.spanId())
      && "postgresql".equals(span.attributes().get("db.system"))).toList();
  }

  private static boolean writesTheNotification(ReceivedSpan span) {
    return String.valueOf(span.attributes().get("db.query.text")).contains(NOTIFICATION_WRITE);
  }
}
