package io.parley.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A node with nothing configured: embedded backends, migrations, readiness, and data that survives a restart. */
@ExtendWith(VertxExtension.class)
class SingleNodeTest {

  private static Vertx client;
  private static WebClient http;

  @BeforeAll
  static void client(Vertx vertx) {
    client = vertx;
    http = WebClient.create(client, new WebClientOptions().setDefaultHost("127.0.0.1"));
  }

  @Test
  void freshDataDirectoryStartsEmbeddedBackendsMigratesAndKeepsDataAcrossRestart() throws Exception {
    JsonObject config = TestNodes.fresh();
    UUID userId = UUID.randomUUID();

    try (Node node = Node.start(config.copy())) {
      assertThat(get(node, "/ready").statusCode()).isEqualTo(200);
      assertThat(get(node, "/ready").bodyAsJsonObject().getJsonObject("checks"))
        .isEqualTo(new JsonObject().put("postgres", "up").put("redis", "up").put("kafka", "up").put("cluster", "up"));
      assertThat(node.embedded().postgresUri()).isNotNull();
      assertThat(node.embedded().redisUri()).isNotNull();
      assertThat(node.embedded().kafkaBootstrapServers()).isNotNull();
      withDatabase(node, pool -> pool.preparedQuery("""
          INSERT INTO users (id, username, email, display_name, password_hash)
          VALUES ($1, 'restart_survivor', 'survivor@example.org', 'Survivor', 'x')""").execute(Tuple.of(userId)).mapEmpty());
    }

    try (Node restarted = Node.start(config.copy())) {
      assertThat(get(restarted, "/ready").statusCode()).isEqualTo(200);
      withDatabase(restarted, pool -> pool.query("SELECT count(*) AS applied FROM schema_migrations").execute()
        .map(rows -> {
          assertThat(rows.iterator().next().getInteger("applied")).isGreaterThanOrEqualTo(2);
          return null;
        })
        .compose(checked -> pool.preparedQuery("SELECT username FROM users WHERE id = $1").execute(Tuple.of(userId)))
        .map(rows -> {
          Row row = rows.iterator().next();
          assertThat(row.getString("username")).isEqualTo("restart_survivor");
          return null;
        }));
    }
  }

  @Test
  void servesHealthMetricsAndTheBrowserApp() throws Exception {
    JsonObject config = TestNodes.onSharedBackends();
    Config.set(config, ConfigKeys.METRICS_TOKEN, "scraper-secret");
    try (Node node = Node.start(config)) {
      HttpResponse<Buffer> health = get(node, "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("up");

      assertThat(get(node, "/metrics").statusCode()).as("not public on the API port").isEqualTo(401);
      HttpResponse<Buffer> metrics = http.get(node.httpPort(), "127.0.0.1", "/metrics")
        .putHeader("Authorization", "Bearer scraper-secret").send().await();
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total");
      // The notify role's consumers report their lag.
      assertThat(metrics.bodyAsString()).contains("parley_notify_consumer_lag");

      HttpResponse<Buffer> app = get(node, "/");
      assertThat(app.statusCode()).isEqualTo(200);
      assertThat(app.getHeader("Content-Type")).startsWith("text/html");
      assertThat(app.getHeader("Content-Security-Policy")).contains("default-src 'self'");
      assertThat(app.getHeader("X-Correlation-Id")).isNotBlank();
    }
  }

  @Test
  void theAppIsInstallableWithAServiceWorkerForTheWholeOriginThatIsAlwaysRevalidated() throws Exception {
    try (Node node = Node.start(TestNodes.onSharedBackends())) {
      HttpResponse<Buffer> worker = get(node, "/sw.js");
      assertThat(worker.statusCode()).isEqualTo(200);
      assertThat(worker.getHeader("Content-Type")).startsWith("text/javascript");
      assertThat(worker.getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(worker.getHeader("Service-Worker-Allowed")).isEqualTo("/");
      assertThat(worker.bodyAsString()).contains("addEventListener('push'");

      HttpResponse<Buffer> manifest = get(node, "/manifest.webmanifest");
      assertThat(manifest.getHeader("Content-Type")).isEqualTo("application/manifest+json");
      JsonObject app = manifest.bodyAsJsonObject();
      assertThat(app.getString("start_url")).isEqualTo("/");
      for (Object icon : app.getJsonArray("icons")) {
        String src = ((JsonObject) icon).getString("src");
        HttpResponse<Buffer> image = get(node, src);
        assertThat(image.statusCode()).as(src).isEqualTo(200);
        assertThat(image.getHeader("Content-Type")).as(src).isEqualTo(((JsonObject) icon).getString("type"));
      }
      assertThat(get(node, "/offline.html").statusCode()).isEqualTo(200);
      // Outside /v/<version>/: the manifest's scope is its own directory, which must be the whole origin.
      assertThat(get(node, "/").bodyAsString()).contains("rel=\"manifest\" href=\"/manifest.webmanifest\"");
    }
  }

  @Test
  void thePageIsRevalidatedOnEveryVisitAndItsVersionedFilesAreImmutable() throws Exception {
    try (Node node = Node.start(TestNodes.onSharedBackends())) {
      HttpResponse<Buffer> page = get(node, "/");
      assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
      java.util.regex.Matcher script = java.util.regex.Pattern.compile("src=\"(/v/[0-9a-f]{12}/js/main\\.js)\"").matcher(page.bodyAsString());
      assertThat(script.find()).as(page.bodyAsString()).isTrue();
      HttpResponse<Buffer> main = get(node, script.group(1));
      assertThat(main.statusCode()).isEqualTo(200);
      assertThat(main.getHeader("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
      assertThat(main.getHeader("Content-Type")).contains("javascript");
      assertThat(get(node, "/index.html").getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(get(node, "/js/main.js").getHeader("Cache-Control")).as("an unversioned path is revalidated").isEqualTo("no-cache");
      assertThat(get(node, "/v/0123456789ab/js/../../../../etc/passwd").statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<Buffer> get(Node node, String path) {
    return http.get(node.httpPort(), "127.0.0.1", path).send().await();
  }

  private static void withDatabase(Node node, java.util.function.Function<Pool, io.vertx.core.Future<Void>> work) {
    Pool pool = PgBuilder.pool()
      .connectingTo(PgConnectOptions.fromUri(Config.string(node.config(), ConfigKeys.POSTGRES_URI)))
      .using(client)
      .build();
    try {
      work.apply(pool).await();
    } finally {
      pool.close().await();
    }
  }
}
