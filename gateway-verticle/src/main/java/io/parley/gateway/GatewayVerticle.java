package io.parley.gateway;

import io.parley.gateway.realtime.PresenceVisibility;
import io.parley.gateway.realtime.RealtimeBridge;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.parley.shared.media.LocalObjects;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
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
  private Router apiRouter;
  private RealtimeBridge realtime;
  private NodeEndpoints endpoints;
  private long shutdownGraceSeconds;

  @Override
  public Future<?> start() {
    JsonObject config = config();
    shutdownGraceSeconds = Config.longValue(config, ConfigKeys.DRAIN_TIMEOUT_SECONDS, SHUTDOWN_GRACE_SECONDS);
    Redis redis = Connections.redis(vertx, config);
    Pool postgres = Connections.postgres(vertx, config);
    endpoints = new NodeEndpoints(vertx, config);
    RevokedSessions revoked = RevokedSessions.forNode(vertx, redis,
      Config.longValue(config, ConfigKeys.AUTH_ACCESS_TOKEN_TTL, 900) * 1000);
    Authentication authentication = new Authentication(vertx, config, revoked);
    ConnectionLimit connections = ConnectionLimit.forNode(vertx, config);
    BusForwarder forwarder = new BusForwarder(vertx.eventBus(), BUS_TIMEOUT_MS, authentication);
    PresenceVisibility visibility = new PresenceVisibility(postgres);
    realtime = RealtimeBridge.forNode(vertx, config, redis, visibility, Address.BRIDGE_SERVICE_COMMANDS);

    return RequestValidation.create(vertx)
      .compose(validation -> listen(config, revoked, authentication, connections, forwarder, visibility, validation));
  }

  private Future<?> listen(JsonObject config, RevokedSessions revoked, Authentication authentication,
                           ConnectionLimit connections, BusForwarder forwarder, PresenceVisibility visibility,
                           RequestValidation validation) {
    Router router = Router.router(vertx);
    if (Config.bool(config, ConfigKeys.HTTP_TRUST_FORWARDED, false)) {
      // Behind a balancer every client would otherwise share its address, and one rate limit.
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    if (Config.bool(config, ConfigKeys.HTTP_CHECK_RESPONSES, false)) {
      router.route().handler(new ResponseCheck(vertx, validation.contract())::attach);
    }
    router.route().handler(CorrelationId::assign);
    router.route().handler(SecurityHeaders.forConfig(config));
    router.route().handler(connections::check);
    router.route().handler(QueryStrings::check);
    endpoints.mount(router);
    router.route("/eventbus/*").handler(RealtimeBridge.originCheck(config));
    router.route("/eventbus/*").handler(this::refuseWhileDraining);
    router.route("/eventbus/*").subRouter(realtime.sockJs(vertx, authentication.jwtAuth(), revoked));
    ApiDocs docs = new ApiDocs(OpenApiDocument.build(OpenApiDocument.BASE_PATH));
    apiRouter = api(config, forwarder, authentication, visibility, validation, docs);
    router.route("/api/v1/*").subRouter(apiRouter);
    docs.mountReference(router);
    if (LocalObjects.configured(config)) {
      new LocalObjectEndpoint(vertx, LocalObjects.from(config)).mount(router);
    }
    AppFiles.mount(router);
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
      .compose(listening -> endpoints.listenForManagement());
  }

  /** Four times the protocol's frame limit, at least 64 KiB: far above any frame the protocol allows. */
  static int transportLimit(int maxFrameBytes) {
    return Math.max(64 * 1024, 4 * maxFrameBytes);
  }

  /**
   * The REST API: a JSON body limit, the operations the gateway answers itself, then each domain's
   * forwarded routes from {@link ApiTables#ALL}, the one list of the operations (and of the contract).
   */
  private Router api(JsonObject config, BusForwarder forwarder, Authentication authentication, PresenceVisibility visibility,
                     RequestValidation validation, ApiDocs docs) {
    Router api = Router.router(vertx);
    api.route().handler(BodyHandler.create(false)
      .setBodyLimit(Config.longValue(config, ConfigKeys.HTTP_BODY_LIMIT, 64 * 1024)));
    new PresenceApi(realtime, visibility, authentication).mount(api);
    AuthApi.mountJwks(api, config);
    docs.mountDocument(api);
    Map<ApiRoute, String> operationIds = ApiTables.operationIds();
    for (ApiTables.Table table : ApiTables.ALL) {
      if (table.forwarded()) {
        forwarder.mount(api, table.routes(), validation, operationIds);
      }
    }
    return api;
  }

  /**
   * The routes mounted under {@code /api/v1}, as {@code "GET /chats/:chatId"} ({@code "ANY …"} for one
   * of every method): what the contract must describe. Only the body limit applies to no path.
   */
  List<String> mountedApiRoutes() {
    return apiRouter.getRoutes().stream().filter(route -> route.getPath() != null)
      .flatMap(route -> route.methods() == null ? java.util.stream.Stream.of("ANY " + route.getPath())
        : route.methods().stream().map(method -> method.name() + " " + route.getPath()))
      .toList();
  }

  /** A draining node takes no new realtime connections: the client retries through the balancer. */
  private void refuseWhileDraining(RoutingContext ctx) {
    if (NodeServices.of(vertx).draining()) {
      HttpErrors.respond(ctx, CommonErrors.DRAINING.exception("This node is shutting down; connect again"));
    } else {
      ctx.next();
    }
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
    Future<Void> httpDone = server == null ? Future.succeededFuture() : server.shutdown(shutdownGraceSeconds, TimeUnit.SECONDS);
    return httpDone.eventually(() -> endpoints == null ? Future.succeededFuture() : endpoints.close());
  }
}
