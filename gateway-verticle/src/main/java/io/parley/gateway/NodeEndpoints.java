package io.parley.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.infra.Connections;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Map;

/**
 * What every node answers, whatever its roles: {@code /health} (liveness), {@code /ready}
 * (readiness: backends reachable and not draining) and {@code /metrics} (Prometheus, this node's
 * registry). The gateway mounts them beside its API; a node without the gateway role serves only
 * these, so orchestrators and Prometheus treat every node alike.
 */
public final class NodeEndpoints {

  private final KafkaAdminClient kafkaAdmin;
  private final Readiness readiness;
  private final Handler<RoutingContext> metrics;

  public NodeEndpoints(Vertx vertx, JsonObject config) {
    kafkaAdmin = KafkaAdminClient.create(vertx, Map.of(
      "bootstrap.servers", Config.string(config, ConfigKeys.KAFKA_BOOTSTRAP_SERVERS),
      "request.timeout.ms", "2000",
      "default.api.timeout.ms", "2000"));
    NodeServices node = NodeServices.of(vertx);
    readiness = new Readiness(vertx, Connections.postgres(vertx, config), Connections.redis(vertx, config), kafkaAdmin, node);
    metrics = node.metrics() instanceof PrometheusMeterRegistry prometheus
      ? PrometheusScrapingHandler.create(prometheus)
      : PrometheusScrapingHandler.create();
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> ctx.json(new JsonObject().put("status", "up")));
    router.get("/ready").handler(readiness::handle);
    router.get("/metrics").handler(metrics);
  }

  public Future<Void> close() {
    return kafkaAdmin.close();
  }
}
