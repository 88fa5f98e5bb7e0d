package io.parley.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every node answers, whatever its roles: {@code /health} (liveness), {@code /ready}
 * (readiness: backends reachable and not draining) and {@code /metrics} (Prometheus, this node's
 * registry, behind {@link MetricsAccess}), plus the management port when one is configured. The
 * gateway mounts them beside its API; a node without the gateway role serves only these, so
 * orchestrators and Prometheus treat every node alike.
 */
public final class NodeEndpoints {

  private static final Logger log = LoggerFactory.getLogger(NodeEndpoints.class);

  private final Vertx vertx;
  private final JsonObject config;
  private final KafkaAdminClient kafkaAdmin;
  private final Readiness readiness;
  private final MetricsAccess metrics;
  private HttpServer management;

  public NodeEndpoints(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.config = config;
    kafkaAdmin = KafkaAdminClient.create(vertx, Map.of(
      "bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "request.timeout.ms", "2000",
      "default.api.timeout.ms", "2000"));
    NodeServices node = NodeServices.of(vertx);
    readiness = new Readiness(vertx, Connections.postgres(vertx, config), Connections.redis(vertx, config), kafkaAdmin, node);
    Handler<RoutingContext> scrape = node.metrics() instanceof PrometheusMeterRegistry prometheus
      ? PrometheusScrapingHandler.create(prometheus)
      : PrometheusScrapingHandler.create();
    metrics = new MetricsAccess(config, scrape);
  }

  public void mount(Router router) {
    router.get("/health").handler(NodeEndpoints::health);
    router.get("/ready").handler(readiness::handle);
    metrics.mountOnApiPort(router);
  }

  /** Starts the management port ({@code metrics.port}) when one is configured. */
  public Future<Void> listenForManagement() {
    int port = Config.integer(config, ConfigKeys.METRICS_PORT, 0);
    if (port <= 0) {
      return Future.succeededFuture();
    }
    String host = Config.string(config, ConfigKeys.METRICS_HOST, "127.0.0.1");
    Router router = Router.router(vertx);
    router.get("/health").handler(NodeEndpoints::health);
    metrics.mountOnManagementPort(router);
    // HTTP/1.1 only, as scrapers speak it: after an h2c upgrade this port's 40 KB answer came
    // straight behind the 101, which curl refuses and the JDK's client waited on for ever.
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false))
      .requestHandler(router)
      .listen()
      .onSuccess(listening -> {
        management = listening;
        log.info("Metrics on the management port {}:{}", host, listening.actualPort());
      })
      .mapEmpty();
  }

  public Future<Void> close() {
    Future<Void> managementDone = management == null ? Future.succeededFuture() : management.close();
    return managementDone.eventually(kafkaAdmin::close);
  }

  private static void health(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "up"));
  }
}
