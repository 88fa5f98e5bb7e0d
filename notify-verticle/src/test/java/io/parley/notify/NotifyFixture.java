package io.parley.notify;

import io.parley.chat.ChatVerticle;
import io.parley.gateway.GatewayVerticle;
import io.parley.notify.push.P256;
import io.parley.notify.push.VapidKeys;
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
import io.parley.testkit.ParleyExtension;
import io.parley.testkit.Poll;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole notification path on the shared embedded backends: the chat service and the outbox
 * relay (so events reach Kafka the way they do in production), a gateway for REST and the
 * realtime bridge, the notify service in a consumer group of the class's own, and a
 * {@link TestPushService}. People are rows inserted into {@code users} with access tokens minted
 * from the class's keys. A test class declares it as its extension:
 * {@code NotifyFixture.service().config(…).build()}.
 */
final class NotifyFixture extends ParleyExtension {

  static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  /** The schema, applied by the first class of the test JVM. */
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();

  Pool pool;
  Redis redis;
  JWTAuth tokens;
  TestPushService push;
  private String notifyDeployment;
  private NotifyVerticle notify;
  private KafkaProducer<String, String> producer;

  /** Someone using Parley on one device session. */
  record Person(UUID id, String username, String name, UUID session) {
  }

  private NotifyFixture(Builder<NotifyFixture> builder) {
    super(builder);
  }

  /**
   * The services of the notification path on a free HTTP port, with loopback push endpoints
   * allowed, fast push retries and a one-second collapse window; add overrides (and the auth
   * service, for sign-ins) in the test class.
   */
  static Builder<NotifyFixture> service() {
    return ParleyExtension.builder(NotifyFixture::new)
      .httpOnFreePort()
      .config(ConfigKeys.AUTH_ISSUER, "parley")
      .config(ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 100_000)
      .config(ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 100_000)
      .config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 100_000)
      .config(ConfigKeys.NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP, true)
      .config(ConfigKeys.NOTIFY_PUSH_RETRY_BASE_MS, 20)
      .config(ConfigKeys.NOTIFY_COLLAPSE_WINDOW_MS, 1_000)
      .prepareOnce(MIGRATIONS)
      .deploy(OutboxRelayVerticle::new)
      .deploy(ChatVerticle::new)
      .deploy(GatewayVerticle::new);
  }

  @Override
  protected void beforeDeploy() throws Exception {
    JsonObject config = config();
    Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("notify-keys"), Clock.systemUTC()));
    Config.set(config, ConfigKeys.NOTIFY_VAPID_KEY_DIR, Files.createTempDirectory("notify-vapid").toString());
    // A group of the class's own, reading from the start: no offsets of another class's consumer.
    Config.set(config, ConfigKeys.NOTIFY_CONSUMER_GROUP, "notify-test-" + UUID.randomUUID());
    pool = Connections.postgres(vertx(), config);
    redis = Connections.redis(vertx(), config);
    tokens = SigningKeys.jwtAuth(vertx(), config);
    KeyPair vapid = VapidKeys.load(config);
    push = closing(new TestPushService(vertx(), P256.base64Url(P256.encode((ECPublicKey) vapid.getPublic()))));
    producer = null;
    startNotify();
  }

  /** Deploys the notify service on this fixture's Vert.x (one member of the consumer group). */
  void startNotify() {
    notify = new NotifyVerticle();
    notifyDeployment = vertx().deployVerticle(notify, new DeploymentOptions().setConfig(config())).await();
  }

  void stopNotify() {
    vertx().undeploy(notifyDeployment).await();
    notifyDeployment = null;
  }

  /** The running notify service (its consumer's partitions, its metrics). */
  NotifyVerticle notifyService() {
    return notify;
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
    BridgeClient client = BridgeClient.connect(vertx(), "127.0.0.1", httpPort(), "/eventbus").await();
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
    HttpRequest<Buffer> request = http().request(method, "/api/v1" + path);
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
    return vertx().eventBus().<JsonObject>request(address, body,
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
      producer = closing(new KafkaProducer<>(Map.of("bootstrap.servers", Config.string(config(), ConfigKeys.KAFKA_BOOTSTRAP_SERVERS)),
        new StringSerializer(), new StringSerializer()));
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
}
