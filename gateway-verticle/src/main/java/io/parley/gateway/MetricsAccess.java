package io.parley.gateway;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may read {@code /metrics}: they tell an outsider how busy the node is, which routes fail and
 * more, so they are not public on the API port. On the API port they need
 * {@code Authorization: Bearer <metrics.token>} (not served at all without a token); a management
 * port ({@code metrics.port}, on {@code metrics.host}, loopback by default) serves them to
 * whoever can reach it, for scrapers inside the deployment.
 */
final class MetricsAccess {

  private final String token;
  private final Handler<RoutingContext> scrape;

  MetricsAccess(JsonObject config, Handler<RoutingContext> scrape) {
    this.token = Config.string(config, ConfigKeys.METRICS_TOKEN, "");
    this.scrape = scrape;
  }

  /** {@code /metrics} on the API router, behind the token. */
  void mountOnApiPort(Router router) {
    router.get("/metrics").handler(ctx -> {
      if (token == null || token.isEmpty()) {
        ctx.fail(CommonErrors.NOT_FOUND.exception("No such resource: /metrics (served on the management port or with metrics.token)"));
      } else if (!matches(ctx.request().getHeader("Authorization"))) {
        ctx.fail(CommonErrors.UNAUTHENTICATED.exception("/metrics needs the metrics token"));
      } else {
        scrape.handle(ctx);
      }
    });
  }

  /** {@code /metrics} on the management port: no token, whoever reaches that port may scrape. */
  void mountOnManagementPort(Router router) {
    router.get("/metrics").handler(scrape);
  }

  private boolean matches(String authorization) {
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    byte[] presented = authorization == null ? new byte[0] : authorization.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, presented);
  }
}
