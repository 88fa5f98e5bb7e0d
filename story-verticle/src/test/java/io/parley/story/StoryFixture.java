package io.parley.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthVerticle;
import io.parley.chat.ChatVerticle;
import io.parley.gateway.GatewayVerticle;
import io.parley.media.MediaVerticle;
import io.parley.media.testing.MediaUploads;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.event.OutboxRelayVerticle;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stories on the shared test backends, driven over real HTTP and the real bridge: a gateway, the
 * auth service (contacts and blocks are made through its REST API), the media service (photo and
 * video stories are real uploads), the chat service (replies) and the story service, the story and
 * media services on one {@link StoryClock} that tests move. People are rows inserted into
 * {@code users} with access tokens minted from the class's keys.
 */
final class StoryFixture extends ParleyExtension {

  static final Duration WAIT = Duration.ofSeconds(20);
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();

  final StoryClock clock;
  private final List<StoryVerticle> services;
  private Pool pool;
  private JWTAuth tokens;
  private MediaUploads uploads;

  /** Someone using Parley. */
  record Person(UUID id, String username, String name, UUID session) {
  }

  private StoryFixture(Builder<StoryFixture> builder, StoryClock clock, List<StoryVerticle> services) {
    super(builder);
    this.clock = clock;
    this.services = services;
  }

  /** The services with a one-hour story lifetime and a cleaner that never runs by itself; add overrides. */
  static Builder<StoryFixture> services() {
    StoryClock clock = new StoryClock();
    List<StoryVerticle> services = new CopyOnWriteArrayList<>();
    return ParleyExtension.<StoryFixture>builder(builder -> new StoryFixture(builder, clock, services))
      .httpOnFreePort()
      .config(ConfigKeys.AUTH_ISSUER, "parley")
      .config(ConfigKeys.CHAT_SEND_RATE_LIMIT, 100_000)
      .config(ConfigKeys.STORY_TTL, 3600)
      .config(ConfigKeys.STORY_CLEANER_INTERVAL, 86_400)
      .prepareOnce(MIGRATIONS)
      .deploy(GatewayVerticle::new)
      .deploy(AuthVerticle::new)
      .deploy(ChatVerticle::new)
      .deploy(OutboxRelayVerticle::new)
      .deploy(() -> new MediaVerticle(clock))
      .deploy(() -> {
        StoryVerticle service = new StoryVerticle(clock);
        services.add(service);
        return service;
      }, 2);
  }

  @Override
  protected void beforeDeploy() throws Exception {
    Config.set(config(), ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("story-keys"), Clock.systemUTC()));
    tokens = SigningKeys.jwtAuth(vertx(), config());
    pool = Connections.postgres(vertx(), config());
    uploads = new MediaUploads(vertx(), httpPort());
  }

  Pool pool() {
    return pool;
  }

  MediaUploads uploads() {
    return uploads;
  }

  /** Runs the expiry job once, now, on one of the story services; how many stories it removed. */
  int expireNow() {
    return services.get(0).expireNow().await();
  }

  // ---- people and their contacts ----

  Person person(String name) {
    UUID id = UUID.randomUUID();
    String username = name.toLowerCase() + PEOPLE.incrementAndGet() + "_" + id.toString().substring(0, 6);
    pool.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash) VALUES ($1, $2, $3, $4, 'x')")
      .execute(Tuple.of(id, username, username + "@example.test", name)).await();
    // A live device session: with the auth service running, the gateway checks the token's session.
    UUID session = UUID.randomUUID();
    pool.preparedQuery("""
        INSERT INTO sessions (id, user_id, refresh_hash, created_at, last_used_at, expires_at)
        VALUES ($1, $2, $3, now(), now(), now() + interval '30 days')""")
      .execute(Tuple.of(session, id, Buffer.buffer(session.toString()))).await();
    return new Person(id, username, name, session);
  }

  String token(Person person) {
    return tokens.generateToken(new JsonObject().put("sub", person.id().toString()).put("sid", person.session().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(3600 * 48));
  }

  /** {@code owner} adds each of {@code contacts} to their contacts. */
  void addContacts(Person owner, Person... contacts) {
    for (Person contact : contacts) {
      expect(call(HttpMethod.POST, "/contacts", owner, new JsonObject().put("userId", contact.id().toString())), 201);
    }
  }

  void removeContact(Person owner, Person contact) {
    expect(call(HttpMethod.DELETE, "/contacts/" + contact.id(), owner, null), 204);
  }

  void block(Person blocker, Person blocked) {
    expect(call(HttpMethod.POST, "/blocks/" + blocked.id(), blocker, null), 204);
  }

  // ---- stories over REST ----

  HttpResponse<Buffer> call(HttpMethod method, String path, Person as, JsonObject body) {
    HttpRequest<Buffer> request = http().request(method, "/api/v1" + path);
    if (as != null) {
      request.putHeader("Authorization", "Bearer " + token(as));
    }
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response;
  }

  /** Posts {@code body} as a story; the story. */
  JsonObject post(Person author, JsonObject body) {
    return expect(call(HttpMethod.POST, "/stories", author, body), 201).bodyAsJsonObject();
  }

  /** A text story to my contacts. */
  JsonObject postText(Person author, String text) {
    return post(author, text(text));
  }

  static JsonObject text(String text) {
    return new JsonObject().put("text", text).put("background", "#336699");
  }

  static JsonObject audience(String type, Person... people) {
    JsonArray ids = new JsonArray();
    for (Person person : people) {
      ids.add(person.id().toString());
    }
    return new JsonObject().put("type", type).put("userIds", ids);
  }

  JsonObject feed(Person me) {
    return expect(call(HttpMethod.GET, "/stories", me, null), 200).bodyAsJsonObject();
  }

  /** The ids of the stories in my feed, in feed order. */
  List<String> storyIds(Person me) {
    return feed(me).getJsonArray("items").stream().map(JsonObject.class::cast)
      .flatMap(group -> group.getJsonArray("stories").stream().map(JsonObject.class::cast))
      .map(story -> story.getString("id")).toList();
  }

  HttpResponse<Buffer> view(Person me, String storyId) {
    return call(HttpMethod.POST, "/stories/" + storyId + "/views", me, null);
  }

  HttpResponse<Buffer> viewers(Person me, String storyId) {
    return call(HttpMethod.GET, "/stories/" + storyId + "/views", me, null);
  }

  /** Asserts the JSON error of a refusal: its status and stable code. */
  static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo(code);
  }

  /** Runs SQL for an assertion; the first column of the first row (null when there is none). */
  Object scalar(String sql, Object... params) {
    var rows = pool.preparedQuery(sql).execute(Tuple.wrap(List.of(params))).await();
    return rows.size() == 0 ? null : rows.iterator().next().getValue(0);
  }

  /** A realtime connection of {@code person} listening to their events, once authenticated. */
  BridgeClient online(Person person) throws InterruptedException {
    BridgeClient client = closing(BridgeClient.connect(vertx(), "127.0.0.1", httpPort(), "/eventbus").await());
    JsonObject auth = new JsonObject().put("authorization", "Bearer " + token(person));
    client.register(Address.CLIENT_EVENTS, auth);
    client.send(Address.REALTIME_AUTH, new JsonObject(), auth, "ready");
    if (client.nextMessage("ready", WAIT) == null) {
      throw new AssertionError("not authenticated");
    }
    return client;
  }
}
