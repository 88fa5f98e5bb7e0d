package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.gateway.GatewayVerticle;
import io.parley.media.testing.MediaUploads;
import io.parley.media.testing.S3Mock;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.error.ParleyException;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway and the media service on the shared test backends, over the local store or S3 (a
 * real S3Mock process), with helpers to act as users: the upload flow ({@link MediaUploads}) over
 * the bus, and the REST API with access tokens. Users are rows inserted straight into
 * {@code users}, as the chat tests make them.
 */
final class MediaFixture extends ParleyExtension {

  private static final AtomicInteger USERS = new AtomicInteger();
  private static final Step MIGRATIONS = (vertx, config) -> new Migrator(vertx, Connections.postgres(vertx, config)).migrate();
  /** Points the media service at the JVM's S3Mock. */
  private static final Step S3 = (vertx, config) -> {
    Config.set(config, ConfigKeys.MEDIA_STORE, "s3");
    Config.set(config, ConfigKeys.MEDIA_S3_BUCKET, S3Mock.BUCKET);
    Config.set(config, ConfigKeys.MEDIA_S3_ENDPOINT, S3Mock.shared().endpoint());
    Config.set(config, ConfigKeys.MEDIA_S3_PATH_STYLE, true);
    Config.set(config, ConfigKeys.MEDIA_S3_ACCESS_KEY_ID, "parley-test");
    Config.set(config, ConfigKeys.MEDIA_S3_SECRET_ACCESS_KEY, "parley-test-secret");
    return Future.succeededFuture();
  };

  private final boolean s3;
  private Pool pool;
  private JWTAuth tokens;
  private MediaUploads uploads;

  private MediaFixture(Builder<MediaFixture> builder, boolean s3) {
    super(builder);
    this.s3 = s3;
  }

  /** The gateway and the media service over the local store; add overrides. */
  static Builder<MediaFixture> local() {
    return local(Clock.systemUTC());
  }

  /** The same with the media service on {@code clock} (the gateway checks URLs against the real time). */
  static Builder<MediaFixture> local(Clock clock) {
    return base(false, clock);
  }

  /** The gateway and the media service over S3 (the JVM's S3Mock). */
  static Builder<MediaFixture> s3() {
    return s3(Clock.systemUTC());
  }

  static Builder<MediaFixture> s3(Clock clock) {
    // S3Mock boots while the class starts everything else; the S3 step waits for it.
    S3Mock.startInBackground();
    return base(true, clock).prepare(S3);
  }

  private static Builder<MediaFixture> base(boolean s3, Clock clock) {
    return ParleyExtension.<MediaFixture>builder(builder -> new MediaFixture(builder, s3))
      .httpOnFreePort()
      .config(ConfigKeys.AUTH_ISSUER, "parley")
      .config(ConfigKeys.MEDIA_MAX_PENDING_PER_USER, 5)
      .prepareOnce(MIGRATIONS)
      .deploy(GatewayVerticle::new)
      .deploy(() -> new MediaVerticle(clock), 2);
  }

  @Override
  protected void beforeDeploy() throws Exception {
    Config.set(config(), ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("media-keys"), Clock.systemUTC()));
    tokens = SigningKeys.jwtAuth(vertx(), config());
    pool = Connections.postgres(vertx(), config());
    uploads = new MediaUploads(vertx(), httpPort());
  }

  /** Whether the media service runs over S3 (else the local store). */
  boolean onS3() {
    return s3;
  }

  Pool pool() {
    return pool;
  }

  MediaUploads uploads() {
    return uploads;
  }

  /** A new user. */
  UUID user() {
    UUID id = UUID.randomUUID();
    String username = "media" + USERS.incrementAndGet() + "_" + id.toString().substring(0, 6);
    pool.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash) VALUES ($1, $2, $3, $4, 'x')")
      .execute(Tuple.of(id, username, username + "@example.test", username)).await();
    return id;
  }

  JsonObject call(UUID user, String address, JsonObject body) {
    return uploads.call(user, address, body);
  }

  /** Asserts that the request is refused with {@code code} and {@code status}. */
  void assertRefused(UUID user, String address, JsonObject body, String code, int status) {
    ParleyException refusal = uploads.refusal(user, address, body);
    assertThat(refusal.errorCode().code()).as(address + " " + body).isEqualTo(code);
    assertThat(refusal.errorCode().status()).isEqualTo(status);
  }

  static JsonObject media(String mediaId) {
    return new JsonObject().put("mediaId", mediaId);
  }

  /** Runs SQL for an assertion; the first column of the first row (null when there is none). */
  Object scalar(String sql, Object... params) {
    var rows = pool.preparedQuery(sql).execute(Tuple.wrap(List.of(params))).await();
    return rows.size() == 0 ? null : rows.iterator().next().getValue(0);
  }

  // ---- REST, with an access token ----

  HttpResponse<Buffer> rest(HttpMethod method, String path, UUID user, JsonObject body) {
    HttpRequest<Buffer> request = http().request(method, "/api/v1" + path).bearerTokenAuthentication(token(user));
    return body == null ? request.send().await() : request.sendJsonObject(body).await();
  }

  private String token(UUID user) {
    return tokens.generateToken(new JsonObject().put("sub", user.toString()).put("sid", UUID.randomUUID().toString()),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(300));
  }
}
