package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.node.Api.Account;
import io.parley.node.Api.Reply;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.event.EventSchemas;
import io.parley.shared.event.Topics;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every event on Kafka matches its schema: a scene that makes every kind of event a person can
 * cause, and a story left to expire on a node of its own whose stories live a second, then every
 * record of every topic read from the start (this scene's and whatever else this JVM's tests
 * wrote before) checked against {@code schemas/events/}, and every type with a schema seen on
 * Kafka except the one that never goes there ({@code location.updated}, bus only).
 */
class EventSchemasOnKafkaTest {

  private static final Set<String> BUS_ONLY = Set.of("location.updated");

  private static Vertx vertx;
  private static Api api;
  private static Node shortStories;
  private static Api shortLived;

  @BeforeAll
  static void node() throws Exception {
    vertx = Vertx.vertx();
    api = new Api(vertx, PermissiveNode.acquire().httpPort(), ClientAddresses.next());
    JsonObject config = TestNodes.onSharedBackends();
    Config.set(config, ConfigKeys.STORY_TTL, 1);
    Config.set(config, ConfigKeys.STORY_CLEANER_INTERVAL, 1);
    shortStories = Node.start(config);
    shortLived = new Api(vertx, shortStories.httpPort(), ClientAddresses.next());
  }

  @AfterAll
  static void close() {
    shortStories.close();
    vertx.close().await();
    PermissiveNode.release();
  }

  @Test
  void everyEventOnEveryTopicMatchesTheSchemaOfItsTypeAndVersion() {
    String expiring = aStoryThatExpires();
    String marker = everyKindOfEvent();
    Map<String, List<JsonObject>> seen = new ConcurrentHashMap<>();
    EventSchemas schemas = EventSchemas.load();
    Set<String> expected = schemas.payloads().keySet().stream().filter(type -> !BUS_ONLY.contains(type)).collect(Collectors.toSet());
    Properties properties = new Properties();
    properties.putAll(Map.of(
      "bootstrap.servers", Config.string(TestBackends.config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "group.id", "schema-check-" + UUID.randomUUID(),
      "auto.offset.reset", "earliest",
      "key.deserializer", StringDeserializer.class.getName(),
      "value.deserializer", StringDeserializer.class.getName()));
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(Topics.ALL);
      // The scene ends by deleting its account: once that event is read, every earlier one of the scene was
      // relayed. Read on until every type is in too: the topics' partitions arrive in no order among themselves.
      Poll.until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          JsonObject event = new JsonObject(record.value());
          seen.computeIfAbsent(event.getString("type", "?"), type -> new ArrayList<>()).add(event);
        }
        return seen(seen, "user.deleted", marker) && seen(seen, "story.expired", expiring) && seen.keySet().containsAll(expected);
      }, Duration.ofSeconds(60));
    }
    List<String> problems = seen.values().stream().flatMap(List::stream)
      .flatMap(event -> schemas.problems(event).stream().map(problem -> problem + " in " + event.encode())).toList();
    assertThat(problems).isEmpty();
    assertThat(seen.keySet()).containsAll(expected);
    assertThat(seen.keySet()).doesNotContainAnyElementsOf(BUS_ONLY);
  }

  private static boolean seen(Map<String, List<JsonObject>> seen, String type, String aggregateId) {
    return seen.getOrDefault(type, List.of()).stream().anyMatch(event -> aggregateId.equals(event.getString("aggregateId")));
  }

  /** A text story on the node whose stories live a second: its expiry job removes it and writes story.expired. */
  private static String aStoryThatExpires() {
    Account author = shortLived.register("expiring");
    Reply story = shortLived.post("/api/v1/stories", author.token(), new JsonObject().put("text", "gone soon").put("background", "#336699"));
    assertThat(story.status()).as(story.text()).isEqualTo(201);
    return story.body().getString("id");
  }

  /** Signs up, in and out of everything that writes an event; answers the id of the account it deletes last. */
  private static String everyKindOfEvent() {
    Account owner = api.register("events");
    Account other = api.register("events");
    assertThat(api.login(owner.username(), Users.PASSWORD).status()).isEqualTo(200);
    ok(api.call(HttpMethod.PATCH, "/api/v1/me", owner.token(), new JsonObject().put("statusText", "checking events")));
    String group = api.group(owner, List.of());
    String chat = "/api/v1/chats/" + group;
    ok(api.call(HttpMethod.PATCH, chat, owner.token(), new JsonObject().put("title", "renamed")));
    ok(api.post(chat + "/members", owner.token(), new JsonObject().put("userIds", new io.vertx.core.json.JsonArray().add(other.id()))));
    ok(api.post(chat + "/invites", owner.token(), new JsonObject()));
    long seq = api.send(owner, group, "hello");
    ok(api.call(HttpMethod.PATCH, chat + "/messages/" + seq, owner.token(), new JsonObject().put("text", "hello again")));
    ok(api.post(chat + "/messages/" + seq + "/reactions", other.token(), new JsonObject().put("emoji", "👍")));
    ok(api.call(HttpMethod.PUT, chat + "/messages/" + seq + "/pin", owner.token(), new JsonObject().put("pinned", true)));
    ok(api.call(HttpMethod.PUT, chat + "/messages/" + seq + "/pin", owner.token(), new JsonObject().put("pinned", false)));
    ok(api.post(chat + "/read", other.token(), new JsonObject().put("seq", seq)));
    ok(api.call(HttpMethod.PUT, chat + "/settings", other.token(), new JsonObject().put("archived", true)));
    ok(api.call(HttpMethod.DELETE, chat + "/messages/" + seq + "?scope=me", other.token(), null));
    // Their changes now hold the message as a tombstone ({seq, hidden}), which the contract must allow.
    ok(api.call(HttpMethod.GET, chat + "/changes?after=0", other.token(), null));
    long gone = api.send(owner, group, "to delete");
    ok(api.call(HttpMethod.DELETE, chat + "/messages/" + gone + "?scope=everyone", owner.token(), null));
    Reply live = api.post(chat + "/messages", owner.token(), new JsonObject().put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "live_location").put("location", new JsonObject().put("latitude", 48.1).put("longitude", 11.5)
        .put("liveUntil", Instant.now().plusSeconds(600).toString())));
    assertThat(live.status()).as(live.text()).isEqualTo(201);
    String location = chat + "/messages/" + live.body().getLong("seq") + "/location";
    ok(api.post(location, owner.token(), new JsonObject().put("latitude", 48.2).put("longitude", 11.6)));
    ok(api.call(HttpMethod.DELETE, location, owner.token(), null));
    ok(api.post("/api/v1/contacts", owner.token(), new JsonObject().put("userId", other.id())));
    ok(api.post("/api/v1/contacts", other.token(), new JsonObject().put("userId", owner.id())));
    Reply story = api.post("/api/v1/stories", owner.token(), new JsonObject().put("text", "events").put("background", "#123456"));
    assertThat(story.status()).as(story.text()).isEqualTo(201);
    String storyPath = "/api/v1/stories/" + story.body().getString("id");
    ok(api.post(storyPath + "/views", other.token(), null));
    ok(api.call(HttpMethod.DELETE, storyPath, owner.token(), null));
    Reply deleted = api.call(HttpMethod.DELETE, "/api/v1/me", other.token(), new JsonObject().put("password", Users.PASSWORD));
    assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
    return other.id();
  }

  private static void ok(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isBetween(200, 204);
  }
}
