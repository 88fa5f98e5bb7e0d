package io.parley.auth;

import io.parley.gateway.GatewayVerticle;
import io.parley.media.MediaVerticle;
import io.parley.media.testing.MediaUploads;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * A real gateway and auth service on one Vert.x, against the shared embedded PostgreSQL, Redis
 * and Kafka, driven over real HTTP. Each test class declares its own (own port, own signing keys)
 * as an extension and makes its own users with random names, so classes never see each other's data.
 */
final class AuthHarness extends ParleyExtension {

  static final String PASSWORD = "correct horse battery staple";
  /** The schema, applied by the first class of the test JVM. */
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();

  private Path keyDir;
  private Pool db;

  private AuthHarness(Builder<AuthHarness> builder) {
    super(builder);
  }

  /**
   * The gateway and the auth service (with the media service, which checks avatars), with a fresh
   * key directory (one key, made at start).
   */
  static Builder<AuthHarness> gatewayAndAuth() {
    return ParleyExtension.builder(AuthHarness::new)
      .httpOnFreePort()
      // Every test client comes from 127.0.0.1: only RateLimitTest runs with the real limits.
      .config(ConfigKeys.AUTH_SIGN_IN_PER_ADDRESS, 100_000)
      .config(ConfigKeys.AUTH_SIGN_UP_PER_ADDRESS, 100_000)
      .prepareOnce(MIGRATIONS)
      .deploy(AuthVerticle::new)
      .deploy(MediaVerticle::new)
      .deploy(GatewayVerticle::new);
  }

  @Override
  protected void beforeDeploy() throws IOException {
    keyDir = Files.createTempDirectory("parley-keys-");
    db = Connections.postgres(vertx(), config());
  }

  /** (Re)deploys the gateway and the auth service with the keys now in the key directory. */
  @Override
  public void deploy() {
    try {
      Config.set(config(), ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(keyDir, Clock.systemUTC()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not read the signing keys in " + keyDir, e);
    }
    super.deploy();
  }

  /** Where the signing keys live: a test adds one and redeploys to rotate. */
  Path keyDir() {
    return keyDir;
  }

  /** The upload flow, for avatars made of real uploads. */
  MediaUploads uploads() {
    return new MediaUploads(vertx(), httpPort());
  }

  /** The database, for what the API does not show. */
  Pool db() {
    return db;
  }

  // ---- HTTP ----

  HttpResponse<Buffer> call(HttpMethod method, String path, String accessToken, Object body) {
    HttpRequest<Buffer> request = http().request(method, "/api/v1" + path);
    if (accessToken != null) {
      request.bearerTokenAuthentication(accessToken);
    }
    if (body == null) {
      return request.send().await();
    }
    request.putHeader("Content-Type", "application/json");
    return request.sendBuffer(Buffer.buffer(body instanceof JsonObject json ? json.encode() : body.toString())).await();
  }

  HttpResponse<Buffer> post(String path, Object body) {
    return call(HttpMethod.POST, path, null, body);
  }

  HttpResponse<Buffer> post(String path, String accessToken, Object body) {
    return call(HttpMethod.POST, path, accessToken, body);
  }

  HttpResponse<Buffer> get(String path, String accessToken) {
    return call(HttpMethod.GET, path, accessToken, null);
  }

  HttpResponse<Buffer> patch(String path, String accessToken, Object body) {
    return call(HttpMethod.PATCH, path, accessToken, body);
  }

  HttpResponse<Buffer> delete(String path, String accessToken) {
    return call(HttpMethod.DELETE, path, accessToken, null);
  }

  HttpResponse<Buffer> delete(String path, String accessToken, Object body) {
    return call(HttpMethod.DELETE, path, accessToken, body);
  }

  // ---- accounts ----

  /** A username no other test (or earlier run against the same database) has used. */
  static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static JsonObject registration(String username) {
    return new JsonObject()
      .put("email", username.toLowerCase(Locale.ROOT) + "@example.org")
      .put("username", username)
      .put("password", PASSWORD)
      .put("displayName", "Test " + username);
  }

  /** Registers through the API and returns the 201 answer, failing the test on any other. */
  JsonObject register(JsonObject registration) {
    HttpResponse<Buffer> response = post("/auth/register", registration);
    if (response.statusCode() != 201) {
      throw new AssertionError("Registration failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  JsonObject register(String username) {
    return register(registration(username));
  }

  JsonObject login(String login, String password, String deviceName) {
    HttpResponse<Buffer> response = post("/auth/login", new JsonObject()
      .put("login", login).put("password", password).put("deviceName", deviceName));
    if (response.statusCode() != 200) {
      throw new AssertionError("Sign-in failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  // ---- database, for what the API does not show ----

  long count(String sql, Object... params) {
    Row row = db.preparedQuery(sql).execute(Tuple.from(params)).await().iterator().next();
    return row.getLong(0);
  }

  long usersNamed(String username, String email) {
    return count("SELECT count(*) FROM users WHERE username = $1::text::citext OR email = $2::text::citext",
      username, email);
  }

  long auditEvents(String userId, String event) {
    return count("SELECT count(*) FROM audit_log WHERE user_id = $1 AND event = $2", UUID.fromString(userId), event);
  }

  static String errorCode(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }
}
