package io.parley.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.GatewayVerticle;
import io.parley.gateway.TestTokens;
import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.db.Migrator;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.BridgeClient;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real gateway on the shared test backends, with a stand-in for the chat service's one
 * question the realtime edge asks (which chats a user belongs to), answered from a map the test
 * fills in. A test class declares it as its extension: {@code GatewayHarness.gateway().config(…).build()}.
 */
final class GatewayHarness extends ParleyExtension {

  static final Duration WAIT = Duration.ofSeconds(5);
  /** The schema, applied by the first class of the test JVM. */
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();

  final Map<String, List<String>> chatsOf = new ConcurrentHashMap<>();
  private JWTAuth tokens;

  private GatewayHarness(Builder<GatewayHarness> builder) {
    super(builder);
  }

  /** Two gateway instances on a free port, with signing keys of their own. */
  static Builder<GatewayHarness> gateway() {
    return ParleyExtension.builder(GatewayHarness::new)
      .httpOnFreePort()
      .prepare(TestTokens::keys)
      .prepareOnce(MIGRATIONS)
      .deploy(GatewayVerticle::new, 2);
  }

  @Override
  protected void beforeDeploy() throws Exception {
    tokens = SigningKeys.jwtAuth(vertx(), config());
    vertx().eventBus().<JsonObject>consumer(Address.CHAT_MEMBERSHIPS, request -> request.reply(new JsonObject()
      .put("chatIds", new JsonArray(chatsOf.getOrDefault(request.headers().get(Headers.USER_ID), List.of())))))
      .completion().await();
  }

  JWTAuth tokens() {
    return tokens;
  }

  BridgeClient connect() {
    return BridgeClient.connect(vertx(), "127.0.0.1", httpPort(), "/eventbus").await();
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
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", sessionOf(userId)),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(300));
  }

  /** The device session of {@code userId}'s tokens here: one per user, a valid id. */
  static String sessionOf(String userId) {
    return UUID.nameUUIDFromBytes(("session-of-" + userId).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  static JsonObject auth(String token) {
    return new JsonObject().put("authorization", "Bearer " + token);
  }
}
