package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.parley.shared.infra.NodeServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code GET /ready}: whether this node can serve, checked against everything it depends on,
 * each with a short timeout so a hung backend makes the probe fail fast rather than hang. 200
 * when all are up; 503 naming the ones that are not, or saying the node drains.
 */
final class Readiness {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final Map<String, Supplier<Future<?>>> checks = new LinkedHashMap<>();
  private final Vertx vertx;

  private final NodeServices node;

  Readiness(Vertx vertx, Pool postgres, Redis redis, KafkaAdminClient kafka, NodeServices node) {
    this.vertx = vertx;
    this.node = node;
    checks.put("postgres", () -> postgres.query("SELECT 1").execute());
    checks.put("redis", () -> redis.send(Request.cmd(Command.PING)));
    checks.put("kafka", kafka::describeCluster);
    checks.put("cluster", () -> clusterCheck(vertx));
  }

  void handle(RoutingContext ctx) {
    if (node.draining()) {
      // Going away: balancers must stop sending new clients here, whatever the backends say.
      ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("status", "draining")
        .put("error", CommonErrors.DRAINING.exception("This node is shutting down").toJson())
        .encode());
      return;
    }
    JsonObject results = new JsonObject();
    Map<String, Future<?>> running = new LinkedHashMap<>();
    checks.forEach((name, check) -> running.put(name, safely(check).timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
    Future.join(new ArrayList<>(running.values())).onComplete(done -> {
      StringBuilder failed = new StringBuilder();
      running.forEach((name, result) -> {
        results.put(name, result.succeeded() ? "up" : "down");
        if (result.failed()) {
          failed.append(failed.isEmpty() ? "" : ", ").append(name);
        }
      });
      JsonObject body = new JsonObject().put("checks", results);
      if (vertx.isClustered()) {
        // How many members this node sees: a member cut off and healed shows here when it is back.
        body.put("clusterMembers", ((VertxInternal) vertx).clusterManager().getNodes().size());
      }
      if (failed.isEmpty()) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.put("status", "ready").encode());
      } else {
        body.put("status", "unready").put("error", new JsonObject()
          .put("code", "service.unready")
          .put("message", "Unreachable: " + failed));
        ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(body.encode());
      }
    });
  }

  private static Future<?> safely(Supplier<Future<?>> check) {
    try {
      return check.get();
    } catch (RuntimeException failure) {
      return Future.failedFuture(failure);
    }
  }

  /** A clustered node is ready only while its cluster manager is active; a standalone one always is. */
  private static Future<?> clusterCheck(Vertx vertx) {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    return ((VertxInternal) vertx).clusterManager().isActive()
      ? Future.succeededFuture()
      : Future.failedFuture("cluster manager inactive");
  }
}
