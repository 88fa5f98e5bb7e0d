package io.parley.gateway;

import io.parley.gateway.realtime.PresenceVisibility;
import io.parley.gateway.realtime.RealtimeBridge;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.media.LocalObjects;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of a node: REST API under {@code /api/v1}, health, readiness, metrics, the
 * browser app, the event-bus bridge and, with the local media store, its objects. It holds no domain rules: every API call is forwarded
 * over the event bus to the verticle that owns it, wherever in the cluster that runs.
 */
public final class GatewayVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(GatewayVerticle.class);
  private static final long BUS_TIMEOUT_MS = 10_000;

  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  private HttpServer server;
  private HttpServer management;
  private RealtimeBridge realtime;
  private KafkaAdminClient kafkaAdmin;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    kafkaAdmin = KafkaAdminClient.create(vertx, Map.of(
      "bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "request.timeout.ms", "2000",
      "default.api.timeout.ms", "2000"));
    Redis redis = Connections.redis(vertx, config);
    Pool postgres = Connections.postgres(vertx, config);
    Readiness readiness = new Readiness(vertx, postgres, redis, kafkaAdmin);
    RevokedSessions revoked = RevokedSessions.forNode(vertx, redis,
      Config.longValue(config, ConfigKeys.AUTH_ACCESS_TOKEN_TTL, 900) * 1000);
    Authentication authentication = new Authentication(vertx, config, revoked);
    ConnectionLimit connections = ConnectionLimit.forNode(vertx, config);
    MetricsAccess metrics = new MetricsAccess(config);
    BusForwarder forwarder = new BusForwarder(vertx.eventBus(), BUS_TIMEOUT_MS, authentication);
    PresenceVisibility visibility = new PresenceVisibility(postgres);
    realtime = RealtimeBridge.forNode(vertx, config, redis, visibility, Address.BRIDGE_SERVICE_COMMANDS);

    Router router = Router.router(vertx);
    router.route().handler(CorrelationId::assign);
    router.route().handler(SecurityHeaders.forConfig(config));
    router.route().handler(connections::check);
    router.route().handler(QueryStrings::check);
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/ready").handler(readiness::handle);
    metrics.mountOnApiPort(router);
    router.route("/eventbus/*").handler(RealtimeBridge.originCheck(config));
    router.route("/eventbus/*").subRouter(realtime.sockJs(vertx, authentication.jwtAuth(), revoked));
    router.route("/api/v1/*").subRouter(api(config, forwarder, authentication, visibility));
    if (LocalObjects.configured(config)) {
      new LocalObjectEndpoint(vertx, LocalObjects.from(config)).mount(router);
    }
    WebApp.load().mount(router);
    router.route().failureHandler(HttpErrors::handleFailure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, HttpErrors::handleFailure);
    }

    HttpServerOptions options = new HttpServerOptions()
      .setHost(Config.string(config, ConfigKeys.HTTP_HOST, "0.0.0.0"))
      .setPort(Config.integer(config, ConfigKeys.HTTP_PORT, 8080))
      .setCompressionSupported(true)
      // Long URIs (up to 64 KiB) reach the router and get the JSON error shape; past that the codec answers alone.
      .setMaxInitialLineLength(64 * 1024);
    // The protocol limit (realtime.maxFrameBytes) is enforced by the connection, which answers
    // frame_too_large; the transport's own limits sit above it, so an oversized frame or message
    // (fragmented or not) reaches that check instead of being cut off or dropped by the codec.
    int maxFrame = Config.integer(config, ConfigKeys.REALTIME_MAX_FRAME_BYTES, 16 * 1024);
    options.setMaxWebSocketFrameSize(transportLimit(maxFrame)).setMaxWebSocketMessageSize(transportLimit(maxFrame));
    return Future.all(realtime.ready(), revoked.ready())
      .compose(ready -> vertx.createHttpServer(options)
        .connectionHandler(connections::opened)
        .exceptionHandler(ClientFaults::log)
        .requestHandler(router)
        .listen())
      .onSuccess(listening -> {
        server = listening;
        log.info("Gateway listening on {}:{}", options.getHost(), listening.actualPort());
      })
      .compose(listening -> listenForManagement(config, metrics));
  }

  /** Four times the protocol's frame limit, at least 64 KiB: far above any frame the protocol allows. */
  static int transportLimit(int maxFrameBytes) {
    return Math.max(64 * 1024, 4 * maxFrameBytes);
  }

  private Future<?> listenForManagement(JsonObject config, MetricsAccess metrics) {
    int port = Config.integer(config, ConfigKeys.METRICS_PORT, 0);
    if (port <= 0) {
      return Future.succeededFuture();
    }
    String host = Config.string(config, ConfigKeys.METRICS_HOST, "127.0.0.1");
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
      .requestHandler(metrics.managementRouter(vertx))
      .listen()
      .onSuccess(listening -> {
        management = listening;
        log.info("Metrics on the management port {}:{}", host, listening.actualPort());
      });
  }

  /**
   * The REST API: a JSON body limit, then each domain's routes. The route tables of the domains
   * ({@link AuthApi#ROUTES}, {@link ChatApi#ROUTES}, {@link MediaApi#ROUTES}) are the one list of
   * the forwarded operations.
   */
  private Router api(JsonObject config, BusForwarder forwarder, Authentication authentication, PresenceVisibility visibility) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false)
      .setBodyLimit(Config.longValue(config, ConfigKeys.HTTP_BODY_LIMIT, 64 * 1024)));
    new PresenceApi(realtime, visibility, authentication).mount(api);
    AuthApi.mountJwks(api, config);
    forwarder.mount(api, AuthApi.ROUTES);
    forwarder.mount(api, ChatApi.ROUTES);
    forwarder.mount(api, MediaApi.ROUTES);
    return api;
  }

  /** The port actually bound (useful when configured with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Graceful stop: no new connections, realtime clients told to reconnect elsewhere, and
   * in-flight HTTP requests given time to finish before the server closes.
   */
  @Override
  public Future<?> stop() {
    if (realtime != null) {
      realtime.sendEveryoneElsewhere();
    }
    Future<Void> httpDone = server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
    Future<Void> managementDone = management == null ? Future.succeededFuture() : management.close();
    return Future.join(httpDone, managementDone)
      .eventually(() -> kafkaAdmin == null ? Future.succeededFuture() : kafkaAdmin.close());
  }
}
