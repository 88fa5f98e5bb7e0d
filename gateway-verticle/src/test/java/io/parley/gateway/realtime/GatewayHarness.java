package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.GatewayVerticle;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.FreePorts;
import io.parley.testkit.TestBackends;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A real gateway on the shared test backends, with a stand-in for the chat service's one
 * question the realtime edge asks (which chats a user belongs to), answered from a map the test
 * fills in.
 */
final class GatewayHarness implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(5);

  final Vertx vertx;
  final JsonObject config;
  final JWTAuth tokens;
  final int port;
  final Map<String, List<String>> chatsOf = new ConcurrentHashMap<>();

  private GatewayHarness(Vertx vertx, JsonObject config, JWTAuth tokens, int port) {
    this.vertx = vertx;
    this.config = config;
    this.tokens = tokens;
    this.port = port;
  }

  static GatewayHarness start(Consumer<JsonObject> settings) throws Exception {
    Vertx vertx = Vertx.vertx();
    int port = FreePorts.next();
    JsonObject config = TestBackends.config();
    Config.set(config, ConfigKeys.HTTP_PORT, port);
    Config.set(config, ConfigKeys.HTTP_HOST, "127.0.0.1");
    Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("gateway-keys"), Clock.systemUTC()));
    Config.set(config, ConfigKeys.AUTH_ISSUER, "parley");
    settings.accept(config);
    Pool pool = Connections.postgres(vertx, config);
    new Migrator(vertx, pool).migrate().await();
    GatewayHarness harness = new GatewayHarness(vertx, config, SigningKeys.jwtAuth(vertx, config), port);
    vertx.eventBus().<JsonObject>consumer(Address.CHAT_MEMBERSHIPS, request -> request.reply(new JsonObject()
      .put("chatIds", new JsonArray(harness.chatsOf.getOrDefault(request.headers().get(Headers.USER_ID), List.of())))));
    vertx.deployVerticle(GatewayVerticle::new, new DeploymentOptions().setConfig(config).setInstances(2)).await();
    return harness;
  }

  BridgeClient connect() {
    return BridgeClient.connect(vertx, "127.0.0.1", port, "/eventbus").await();
  }

  /** A connection authenticated as {@code userId}, registered for its events. */
  BridgeClient authenticated(String userId) throws InterruptedException {
    BridgeClient client = connect();
    client.register(Address.CLIENT_EVENTS, auth(token(userId)));
    client.send(Address.REALTIME_AUTH, new JsonObject(), auth(token(userId)), "ready");
    assertThat(client.nextMessage("ready", WAIT)).as("authenticated as " + userId).isNotNull();
    return client;
  }

  String token(String userId) {
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", "session-of-" + userId),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(300));
  }

  static JsonObject auth(String token) {
    return new JsonObject().put("authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
