package io.parley.gateway;

import io.parley.shared.tracing.Correlation;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the client's {@code X-Correlation-Id} when it is a sane
 * token, a new one otherwise. It is echoed in the response, logged with failures and passed on
 * to every bus request the gateway makes.
 */
final class CorrelationId {

  static final String HTTP_HEADER = "X-Correlation-Id";
  private static final String KEY = "correlationId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

  private CorrelationId() {
  }

  static void assign(RoutingContext ctx) {
    String offered = ctx.request().getHeader(HTTP_HEADER);
    String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    // Vert.x runs each request on a context of its own: every log line and bus message of it gets the id.
    Correlation.set(id);
    ctx.response().putHeader(HTTP_HEADER, id);
    ctx.next();
  }

  static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : "none";
  }
}
