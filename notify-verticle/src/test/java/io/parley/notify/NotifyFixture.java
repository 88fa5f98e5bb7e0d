package io.parley.notify;

import io.parley.auth.AuthVerticle;
import io.parley.chat.ChatVerticle;
import io.parley.gateway.GatewayVerticle;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.event.OutboxRelayVerticle;
import io.parley.shared.infra.Connections;
import io.parley.shared.presence.PresenceKeys;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.FreePorts;
import io.parley.testkit.Poll;
import io.parley.testkit.TestBackends;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A whole notification path on the shared embedded backends: the chat service and the outbox
 * relay (so events reach Kafka the way they do in production), a gateway for REST and the
 * realtime bridge, the notify service in a consumer group of its own, and a {@link TestPushService}.
 * People are rows inserted into {@code users} with access tokens minted from the test's keys.
 */
final class NotifyFixture implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger PEOPLE = new AtomicInteger();

  final Vertx vertx;
  final JsonObject config;
  final Pool pool;
  final Redis redis;
  final WebClient http;
  final JWTAuth tokens;
  final TestPushService push;
  final int port;
  private String notifyDeployment;
  private NotifyVerticle notify;
  private KafkaProducer<String, String> producer;

  /** Someone using Parley on one device session. */
  record Person(UUID id, String username, String name, UUID session) {
  }

  private NotifyFixture(Vertx vertx, JsonObject config, int port) {
    this.vertx = vertx;
    this.config = config;
    this.port = port;
    this.pool = Connections.postgres(vertx, config);
    this.redis = Connections.redis(vertx, config);
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.tokens = SigningKeys.jwtAuth(vertx, config);
    new Migrator(vertx, pool).migrate().await();
    deploy(new OutboxRelayVerticle());
    deploy(new ChatVerticle());
    vertx.deployVerticle(GatewayVerticle::new, new DeploymentOptions().setConfig(config)).await();
    startNotify();
    this.push = new TestPushService(vertx, vapidKey());
  }

  static NotifyFixture start() throws Exception {
    return start(config -> { });
  }

  /** Starts everything, with {@code settings} applied to the configuration first (a collapse window, say). */
  static NotifyFixture start(Consumer<JsonObject> settings) throws Exception {
    JsonObject config = TestBackends.config();
    int port = FreePorts.next();
    Config.set(config, ConfigKeys.HTTP_HOST, "127.0.0.1");
    Config.set(config, ConfigKeys.HTTP_PORT, port);
    Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("notify-keys"), Clock.systemUTC()));
    Config.set(config, ConfigKeys.AUTH_ISSUER, "parley");
    Config.set(config, ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 100_000);
    Config.set(config, ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 100_000);
    Config.set(config, ConfigKeys.CHAT_SEND_RATE_LIMIT, 100_000);
    Config.set(config, ConfigKeys.NOTIFY_VAPID_KEY_DIR, Files.createTempDirectory("notify-vapid").toString());
    Config.set(config, ConfigKeys.NOTIFY_CONSUMER_GROUP, "notify-test-" + UUID.randomUUID());
    Config.set(config, ConfigKeys.NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP, true);
    Config.set(config, ConfigKeys.NOTIFY_PUSH_RETRY_BASE_MS, 20);
    Config.set(config, ConfigKeys.NOTIFY_COLLAPSE_WINDOW_MS, 1_000);
    settings.accept(config);
    return new NotifyFixture(Vertx.vertx(), config, port);
  }

  /** Deploys the notify service on this fixture's Vert.x (one member of the consumer group). */
  void startNotify() {
    notify = new NotifyVerticle();
    notifyDeployment = vertx.deployVerticle(notify, new DeploymentOptions().setConfig(config)).await();
  }

  /** The running notify service (its consumer's partitions, its metrics). */
  NotifyVerticle notifyService() {
    return notify;
  }

  void stopNotify() {
    vertx.undeploy(notifyDeployment).await();
    notifyDeployment = null;
  }

  /** Also runs the auth service, for what starts there (sign-ins). */
  void withAuth() {
    deploy(new AuthVerticle());
  }

  private void deploy(io.vertx.core.Deployable verticle) {
    vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await();
  }

  // ---- people ----

  Person person(String name) {
    UUID id = UUID.randomUUID();
    String username = name.toLowerCase() + PEOPLE.incrementAndGet() + "_" + id.toString().substring(0, 6);
    pool.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash) VALUES ($1, $2, $3, $4, 'x')")
      .execute(Tuple.of(id, username, username + "@example.test", name)).await();
    return new Person(id, username, name, UUID.randomUUID());
  }

  String token(Person person) {
    return tokens.generateToken(new JsonObject().put("sub", person.id().toString()).put("sid", person.session().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(600));
  }

  void block(Person blocker, Person blocked) {
    pool.preparedQuery("INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2)")
      .execute(Tuple.of(blocker.id(), blocked.id())).await();
  }

  /** A browser of {@code person} subscribed for pushes through the REST API. */
  TestPushService.Browser subscribe(Person person) {
    TestPushService.Browser browser = push.newBrowser(person.username() + "-" + UUID.randomUUID().toString().substring(0, 4));
    HttpResponse<Buffer> answer = call(HttpMethod.POST, "/push/subscriptions", person, browser.subscriptionJson());
    if (answer.statusCode() != 201) {
      throw new AssertionError("subscribe answered " + answer.statusCode() + " " + answer.bodyAsString());
    }
    return browser;
  }

  /** A realtime connection of {@code person}, once the realtime edge has recorded it in presence. */
  BridgeClient online(Person person) throws InterruptedException {
    BridgeClient client = BridgeClient.connect(vertx, "127.0.0.1", port, "/eventbus").await();
    JsonObject auth = new JsonObject().put("authorization", "Bearer " + token(person));
    client.register(Address.CLIENT_EVENTS, auth);
    client.send(Address.REALTIME_AUTH, new JsonObject(), auth, "ready");
    if (client.nextMessage("ready", WAIT) == null) {
      throw new AssertionError("not authenticated");
    }
    Poll.until(() -> PresenceKeys.connected(redis.send(PresenceKeys.connectedNodes(person.id().toString(),
      System.currentTimeMillis())).await()), WAIT);
    return client;
  }

  // ---- REST ----

  HttpResponse<Buffer> call(HttpMethod method, String path, Person as, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, "/api/v1" + path);
    if (as != null) {
      request.putHeader("Authorization", "Bearer " + token(as));
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  /** {@code GET /notifications}: {@code {items, unread}}. */
  JsonObject notifications(Person person) {
    return call(HttpMethod.GET, "/notifications?limit=100", person, null).bodyAsJsonObject();
  }

  List<JsonObject> items(Person person) {
    return notifications(person).getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  String vapidKey() {
    return call(HttpMethod.GET, "/push/vapid-key", null, null).bodyAsJsonObject().getString("publicKey");
  }

  // ---- chats, over the chat service's bus addresses ----

  JsonObject ask(Person as, String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body,
      new DeliveryOptions().addHeader(Headers.USER_ID, as.id().toString())).await().body();
  }

  UUID direct(Person me, Person other) {
    return UUID.fromString(ask(me, Address.CHAT_CREATE,
      new JsonObject().put("type", "direct").put("userId", other.id().toString())).getString("id"));
  }

  UUID group(Person owner, Person... members) {
    JsonArray ids = new JsonArray();
    for (Person member : members) {
      ids.add(member.id().toString());
    }
    return UUID.fromString(ask(owner, Address.CHAT_CREATE, new JsonObject().put("type", "group")
      .put("title", "Group of " + owner.name()).put("memberIds", ids)).getString("id"));
  }

  /** Sends a text; answers its seq. */
  long send(Person sender, UUID chatId, String text) {
    return send(sender, chatId, new JsonObject().put("text", text));
  }

  long send(Person sender, UUID chatId, JsonObject fields) {
    JsonObject body = new JsonObject().put("chatId", chatId.toString()).put("clientMessageId", UUID.randomUUID().toString())
      .put("kind", "text").mergeIn(fields);
    return ask(sender, Address.CHAT_MESSAGE_SEND, body).getLong("seq");
  }

  void read(Person reader, UUID chatId, long seq) {
    ask(reader, Address.CHAT_READ, new JsonObject().put("chatId", chatId.toString()).put("seq", seq));
  }

  /** Writes a record straight to a Kafka topic, keyed as the outbox relay keys (by aggregate). */
  synchronized void produce(String topic, String key, String value) {
    if (producer == null) {
      producer = new KafkaProducer<>(Map.of("bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)),
        new StringSerializer(), new StringSerializer());
    }
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new AssertionError("Could not produce to " + topic, e);
    }
  }

  // ---- waiting and looking ----

  long count(String sql, Object... params) {
    return ((Number) pool.preparedQuery(sql).execute(Tuple.wrap(List.of(params))).await().iterator().next().getValue(0))
      .longValue();
  }

  /** Waits until {@code person} has at least {@code atLeast} stored notifications. */
  void awaitStored(Person person, int atLeast) {
    Poll.until(() -> notifications(person).getJsonArray("items").size() >= atLeast, WAIT);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
    push.close();
    vertx.close().await();
  }
}
