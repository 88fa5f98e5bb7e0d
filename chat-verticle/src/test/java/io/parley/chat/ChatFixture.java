package io.parley.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.parley.gateway.GatewayVerticle;
import io.parley.media.MediaVerticle;
import io.parley.media.testing.MediaUploads;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.ParleyException;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.ParleyExtension;
import io.parley.testkit.Poll;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A running chat service on real PostgreSQL, Redis and Kafka, and helpers to act as users over the
 * event bus. Users are rows inserted straight into {@code users}: the chat service only reads them.
 * A test class declares it as its extension: {@code ChatFixture.service().config(…).build()}.
 */
final class ChatFixture extends ParleyExtension {

  private static final AtomicInteger USERS = new AtomicInteger();
  /** The schema, applied by the first class of the test JVM. */
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();

  /** Every event the service published on {@link Address#CHAT_EVENTS}, in arrival order. */
  final List<JsonObject> published = new CopyOnWriteArrayList<>();
  private Pool pool;

  private ChatFixture(Builder<ChatFixture> builder) {
    super(builder);
  }

  /** The chat service (two instances, as a node deploys it) on the test backends; add overrides and verticles. */
  static Builder<ChatFixture> service() {
    return ParleyExtension.builder(ChatFixture::new)
      .prepareOnce(MIGRATIONS)
      .deploy(ChatVerticle::new, 2);
  }

  /**
   * The chat service with the media service and a gateway (where the local store takes uploads),
   * for media messages made of real uploads ({@link #uploads()}).
   */
  static Builder<ChatFixture> withMedia() {
    return service()
      .httpOnFreePort()
      .prepare((vertx, config) -> {
        Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("chat-keys"),
          Clock.systemUTC()));
        return Future.succeededFuture();
      })
      .deploy(MediaVerticle::new)
      .deploy(GatewayVerticle::new);
  }

  /** The upload flow, as {@code user} goes through it (needs {@link #withMedia()}). */
  MediaUploads uploads() {
    return new MediaUploads(vertx(), httpPort());
  }

  @Override
  protected void beforeDeploy() {
    published.clear();
    pool = Connections.postgres(vertx(), config());
    vertx().eventBus().<JsonObject>consumer(Address.CHAT_EVENTS, event -> published.add(event.body()))
      .completion().await();
  }

  Pool pool() {
    return pool;
  }

  /** A new user with a unique username ({@code prefix} plus a number). */
  User user(String prefix) {
    UUID id = UUID.randomUUID();
    String username = prefix + USERS.incrementAndGet() + "_" + id.toString().substring(0, 6);
    pool.preparedQuery("""
        INSERT INTO users (id, username, email, display_name, password_hash)
        VALUES ($1, $2, $3, $4, 'not-a-hash')""")
      .execute(Tuple.of(id, username, username + "@example.test", prefix)).await();
    return new User(id, username);
  }

  void block(User blocker, User blocked) {
    pool.preparedQuery("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
      .execute(Tuple.of(blocker.id(), blocked.id())).await();
  }

  /** Runs SQL for an assertion; returns the first column of the first row. */
  Object scalar(String sql, Object... params) {
    var rows = pool.preparedQuery(sql).execute(Tuple.wrap(List.of(params))).await();
    return rows.iterator().next().getValue(0);
  }

  long lastSeq(UUID chatId) {
    return (Long) scalar("SELECT last_seq FROM chats WHERE id = $1", chatId);
  }

  long count(String sql, Object... params) {
    return ((Number) scalar(sql, params)).longValue();
  }

  /** A person using Parley. */
  record User(UUID id, String username) {
  }

  /** A successful answer: its body and the status the service chose (null = the route's usual one). */
  record Answer(JsonObject body, String status) {
  }

  /** Sends a request as {@code user} and waits for the answer; a refusal fails with {@link AssertionError}. */
  JsonObject call(User user, String address, JsonObject body) {
    return answer(user, address, body).body();
  }

  Answer answer(User user, String address, JsonObject body) {
    try {
      Message<JsonObject> reply = request(user, address, body).await();
      return new Answer(reply.body(), reply.headers().get(Headers.REPLY_STATUS));
    } catch (ReplyException refused) {
      throw new AssertionError(address + " refused: " + refused.getMessage(), refused);
    }
  }

  Future<Message<JsonObject>> request(User user, String address, JsonObject body) {
    return vertx().eventBus().request(address, body, new DeliveryOptions().addHeader(Headers.USER_ID, user.id().toString()));
  }

  /** Sends a request that must be refused; returns the refusal. */
  ParleyException refusal(User user, String address, JsonObject body) {
    try {
      Message<JsonObject> reply = request(user, address, body).await();
      return fail("%s should have been refused but answered %s", address, reply.body());
    } catch (ReplyException refused) {
      return BusErrors.fromReply(refused);
    }
  }

  /** Asserts the refusal's code and status. */
  void assertRefused(User user, String address, JsonObject body, String code, int status) {
    ParleyException refusal = refusal(user, address, body);
    assertThat(refusal.errorCode().code()).as(address + " " + body).isEqualTo(code);
    assertThat(refusal.errorCode().status()).isEqualTo(status);
  }

  // ---- common actions ----

  UUID direct(User me, User other) {
    return UUID.fromString(call(me, Address.CHAT_CREATE,
      new JsonObject().put("type", "direct").put("userId", other.id().toString())).getString("id"));
  }

  UUID group(User owner, User... members) {
    return create(owner, "group", members);
  }

  UUID channel(User owner, User... members) {
    return create(owner, "channel", members);
  }

  private UUID create(User owner, String type, User... members) {
    JsonArray ids = new JsonArray();
    for (User member : members) {
      ids.add(member.id().toString());
    }
    return UUID.fromString(call(owner, Address.CHAT_CREATE, new JsonObject().put("type", type)
      .put("title", "A " + type).put("memberIds", ids)).getString("id"));
  }

  JsonObject send(User sender, UUID chatId, String text) {
    return call(sender, Address.CHAT_MESSAGE_SEND, text(chatId, text));
  }

  static JsonObject text(UUID chatId, String text) {
    return new JsonObject().put("chatId", chatId.toString()).put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "text").put("text", text);
  }

  /** A live-location message at a position, shared until {@code until}. */
  static JsonObject liveLocation(UUID chatId, double latitude, double longitude, java.time.Instant until) {
    return new JsonObject().put("chatId", chatId.toString()).put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "live_location").put("location", new JsonObject().put("latitude", latitude)
        .put("longitude", longitude).put("liveUntil", until.toString()));
  }

  /** A position update of live location {@code messageSeq}. */
  static JsonObject position(UUID chatId, long messageSeq, double latitude, double longitude) {
    return new JsonObject().put("chatId", chatId.toString()).put("messageSeq", messageSeq)
      .put("latitude", latitude).put("longitude", longitude);
  }

  static JsonArray ids(User... users) {
    JsonArray ids = new JsonArray();
    for (User user : users) {
      ids.add(user.id().toString());
    }
    return ids;
  }

  static JsonObject chat(UUID chatId) {
    return new JsonObject().put("chatId", chatId.toString());
  }

  List<JsonObject> history(User viewer, UUID chatId) {
    JsonArray items = call(viewer, Address.CHAT_MESSAGE_HISTORY, chat(chatId).put("limit", 100)).getJsonArray("items");
    List<JsonObject> messages = new ArrayList<>();
    items.forEach(item -> messages.add((JsonObject) item));
    return messages;
  }

  /** The events published for one chat so far, in arrival order (publishing is asynchronous: see below). */
  List<JsonObject> eventsOf(UUID chatId) {
    return published.stream().filter(event -> event.getString("aggregateId").equals(chatId.toString())).toList();
  }

  /** The events of one chat once {@code ready} holds for them (events arrive shortly after the reply). */
  List<JsonObject> eventsOf(UUID chatId, Predicate<List<JsonObject>> ready) {
    Poll.until(() -> ready.test(eventsOf(chatId)), Duration.ofSeconds(10));
    return eventsOf(chatId);
  }

  /** The published event of change {@code seq} of a chat, once it arrived. */
  JsonObject eventAt(UUID chatId, long seq) {
    return eventsOf(chatId, events -> events.stream().anyMatch(event -> isChange(event, seq))).stream()
      .filter(event -> isChange(event, seq)).findFirst().orElseThrow();
  }

  private static boolean isChange(JsonObject event, long seq) {
    Long eventSeq = event.getJsonObject("payload").getLong("seq");
    return eventSeq != null && eventSeq == seq;
  }
}
