package io.parley.node;

import io.parley.backends.EmbeddedBackends;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.db.Migrator;
import io.parley.shared.event.OutboxRelayVerticle;
import io.parley.shared.infra.Connections;
import io.parley.shared.security.SigningKeys;
import io.parley.shared.media.LocalObjects;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.parley.shared.housekeeping.HousekeepingVerticle;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.tracing.Correlation;
import io.vertx.core.Deployable;
import io.vertx.core.VertxBuilder;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.function.Supplier;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Parley node: its backends (external, or embedded ones it started), its Vert.x
 * instance (clustered or not), the schema, and the verticles of its roles.
 *
 * <p>{@link #start} blocks the calling thread until the node is ready or has failed; it is meant
 * for {@code main} and tests, never for an event loop.
 */
public final class Node implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final JsonObject config;
  private final EmbeddedBackends embedded;
  private final Vertx vertx;
  private final OpenTelemetrySdk telemetry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Node(JsonObject config, EmbeddedBackends embedded, Vertx vertx, OpenTelemetrySdk telemetry) {
    this.config = config;
    this.embedded = embedded;
    this.vertx = vertx;
    this.telemetry = telemetry;
  }

  public static Node start(JsonObject config) throws Exception {
    long started = System.nanoTime();
    Path dataDir = Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data")).toAbsolutePath();
    Files.createDirectories(dataDir);
    String name = name(config);
    Config.set(config, ConfigKeys.NODE_NAME, name);
    NodeServices.nameProcess(name);
    loadSigningKeys(config, dataDir);
    prepareLocalMediaStore(config, dataDir);
    EmbeddedBackends embedded = EmbeddedBackendsForNode.startMissing(config, dataDir);
    Vertx vertx = null;
    OpenTelemetrySdk telemetry = Telemetry.create(config, name);
    try {
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      metrics.config().commonTags("node", name);
      vertx = createVertx(config, metrics, telemetry);
      NodeServices.register(vertx, new NodeServices(name, metrics, telemetry != null ? telemetry : OpenTelemetry.noop()));
      Correlation.install(vertx.eventBus());
      migrate(vertx, config).await();
      deployRoles(vertx, config).await();
      Node node = new Node(config, embedded, vertx, telemetry);
      log.info("Parley node {} ready in {} ms: roles {}, HTTP port {}, {}", name,
        (System.nanoTime() - started) / 1_000_000,
        Roles.resolve(Config.strings(config, ConfigKeys.NODE_ROLES)).keySet(),
        Config.integer(config, ConfigKeys.HTTP_PORT, 8080),
        vertx.isClustered() ? "clustered" : "standalone");
      return node;
    } catch (Exception | Error failure) {
      if (vertx != null) {
        vertx.close().await();
      }
      if (telemetry != null) {
        telemetry.close();
      }
      embedded.close();
      throw failure;
    }
  }

  /** {@code node.name}, or this host's name and HTTP port: unique among nodes sharing a machine. */
  private static String name(JsonObject config) {
    String configured = Config.string(config, ConfigKeys.NODE_NAME);
    if (configured != null) {
      return configured;
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException unnamed) {
      host = "parley";
    }
    return host + ":" + Config.integer(config, ConfigKeys.HTTP_PORT, 8080);
  }

  /** Unless keys are given in the configuration, reads (or on first start creates) the key directory. */
  private static void loadSigningKeys(JsonObject config, Path dataDir) throws Exception {
    if (Config.get(config, ConfigKeys.AUTH_KEYS) != null) {
      return;
    }
    Path keyDir = Path.of(Config.string(config, ConfigKeys.AUTH_KEY_DIR, dataDir.resolve("keys").toString()));
    Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(keyDir, Clock.systemUTC()));
  }

  /**
   * The local media store, unless configured: objects under {@code <dataDir>/media}, URLs signed
   * with a key made on first start in {@code <dataDir>/keys/media-local.secret} (nodes sharing one
   * disk share the data directory, or are given one {@code media.local.secret}).
   */
  private static void prepareLocalMediaStore(JsonObject config, Path dataDir) throws IOException {
    if (!"local".equals(Config.string(config, ConfigKeys.MEDIA_STORE, "local"))) {
      return;
    }
    if (Config.string(config, ConfigKeys.MEDIA_LOCAL_DIR) == null) {
      Config.set(config, ConfigKeys.MEDIA_LOCAL_DIR, dataDir.resolve("media").toString());
    }
    Files.createDirectories(Path.of(Config.string(config, ConfigKeys.MEDIA_LOCAL_DIR)));
    if (Config.string(config, ConfigKeys.MEDIA_LOCAL_SECRET) == null) {
      Config.set(config, ConfigKeys.MEDIA_LOCAL_SECRET,
        LocalObjects.loadOrCreateSecret(dataDir.resolve("keys").resolve("media-local.secret")));
    }
  }

  /**
   * Vert.x with this node's own meter registry (several nodes in one JVM, as in tests, must not
   * share one) and, when tracing is configured, OpenTelemetry tracing of HTTP, the event bus,
   * SQL, Redis and Kafka.
   */
  private static Vertx createVertx(JsonObject config, PrometheusMeterRegistry metrics, OpenTelemetrySdk telemetry) {
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
      .setRegistryName("parley-" + java.util.UUID.randomUUID())
      .setJvmMetricsEnabled(true)
      .setEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory(metrics));
    if (telemetry != null) {
      options.setTracingOptions(new OpenTelemetryOptions());
      builder.withTracer(new OpenTelemetryTracingFactory(telemetry));
    }
    if (!Config.bool(config, ConfigKeys.CLUSTER_ENABLED, false)) {
      return builder.with(options).build();
    }
    options.setEventBusOptions(Clustering.eventBusOptions(config));
    return builder
      .with(options)
      .withClusterManager(Clustering.clusterManager(config))
      .buildClustered()
      .await();
  }

  private static Future<Integer> migrate(Vertx vertx, JsonObject config) {
    Pool pool = Connections.postgres(vertx, config);
    return new Migrator(vertx, pool).migrate()
      .onSuccess(applied -> log.info("Schema up to date ({} migrations applied now)", applied))
      .compose(applied -> warnUnlessDurable(pool).map(applied))
      .eventually(pool::close);
  }

  /**
   * A send is acknowledged after its commit; with {@code synchronous_commit} off the server answers
   * the commit before its log is on disk, and a crash of the server loses messages Parley already
   * acknowledged. The embedded server runs with it on; an external one is the operator's, so say so.
   */
  private static Future<Void> warnUnlessDurable(Pool pool) {
    return pool.query("SHOW synchronous_commit").execute()
      .map(rows -> rows.iterator().next().getString(0))
      .onSuccess(setting -> {
        if ("off".equalsIgnoreCase(setting)) {
          log.warn("PostgreSQL runs with synchronous_commit = {}: a database crash can lose messages that were already "
            + "acknowledged to their senders. Set synchronous_commit = on (ALTER SYSTEM SET synchronous_commit = on; "
            + "SELECT pg_reload_conf();)", setting);
        }
      })
      .<Void>mapEmpty()
      .recover(unknown -> Future.succeededFuture());
  }

  private static Future<?> deployRoles(Vertx vertx, JsonObject config) {
    List<Future<String>> deployments = new ArrayList<>();
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    Map<String, Supplier<Deployable>> roles = Roles.resolve(Config.strings(config, ConfigKeys.NODE_ROLES));
    roles.forEach((role, verticle) ->
      deployments.add(vertx.deployVerticle(verticle, new DeploymentOptions(options)
        .setInstances(Roles.instances(role)))));
    if (!roles.containsKey(Roles.GATEWAY)) {
      deployments.add(vertx.deployVerticle(new ProbeVerticle(), options));
    }
    deployments.add(vertx.deployVerticle(new OutboxRelayVerticle(), options));
    List<HousekeepingJob> housekeeping = Roles.housekeeping(roles.keySet(), config, vertx.eventBus());
    if (!housekeeping.isEmpty()) {
      deployments.add(vertx.deployVerticle(new HousekeepingVerticle(housekeeping), options));
    }
    return Future.all(deployments);
  }

  public Vertx vertx() {
    return vertx;
  }

  public JsonObject config() {
    return config;
  }

  /** The embedded backends this node started (none started = all accessors null). */
  public EmbeddedBackends embedded() {
    return embedded;
  }

  public int httpPort() {
    return Config.integer(config, ConfigKeys.HTTP_PORT, 8080);
  }

  /** This node's name, as in its logs and metrics. */
  public String name() {
    return Config.string(config, ConfigKeys.NODE_NAME, "");
  }

  /**
   * A graceful exit, as on SIGTERM or {@code parley drain}: {@code /ready} turns 503 and no new
   * realtime connection is taken; after {@code drain.unreadyDelayMs}, when load balancers have
   * stopped sending clients here, the clients are told to reconnect elsewhere and in-flight
   * requests get {@code drain.timeoutSeconds} to finish; then the node closes. Blocks; call it
   * from the shutdown thread, never an event loop.
   */
  public void drain() {
    if (!closed.get() && NodeServices.of(vertx).startDraining()) {
      long delay = Config.longValue(config, ConfigKeys.DRAIN_UNREADY_DELAY_MS, 5_000);
      log.info("Draining: unready now, moving clients in {} ms", delay);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    close();
  }

  /** Stops the verticles, leaves the cluster, then stops the embedded backends. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("Stopping Parley node");
    try {
      vertx.close().await();
    } finally {
      if (telemetry != null) {
        telemetry.close();
      }
      embedded.close();
    }
  }
}
