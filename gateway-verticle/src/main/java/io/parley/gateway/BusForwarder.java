package io.parley.gateway;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.parley.shared.security.SessionRevocations;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * Turns a REST call into an event-bus request to the service that owns it, so a service can run
 * on any node of the cluster. The gateway stamps the {@linkplain Authentication#caller caller}
 * into the headers; services trust only those. The reply body becomes the response body; a
 * failure becomes the JSON error shape.
 */
final class BusForwarder {

  private final EventBus eventBus;
  private final long timeoutMs;
  private final Authentication authentication;

  BusForwarder(EventBus eventBus, long timeoutMs, Authentication authentication) {
    this.eventBus = eventBus;
    this.timeoutMs = timeoutMs;
    this.authentication = authentication;
  }

  /**
   * Mounts each route of a table, in the table's order, behind the token check where it needs one,
   * then the contract's check of its body: a caller without a token hears 401 before anything
   * about the body.
   */
  void mount(Router api, List<ApiRoute> routes, RequestValidation validation, Map<ApiRoute, String> operationIds) {
    for (ApiRoute route : routes) {
      Route mounted = api.route(route.method(), route.path());
      if (route.signedIn()) {
        // Signing out stays idempotent: a second sign-out with the same token answers 204, not 401.
        authentication.protect(mounted, Address.AUTH_LOGOUT.equals(route.address()));
      }
      mounted.handler(validation.of(route, operationIds.get(route)));
      mounted.handler(ctx -> forward(ctx, route));
    }
  }

  private void forward(RoutingContext ctx, ApiRoute route) {
    JsonObject body;
    try {
      body = route.shape().body(ctx);
    } catch (RuntimeException invalid) {
      ctx.fail(invalid);
      return;
    }
    DeliveryOptions options = Authentication.caller(ctx).stamp(new DeliveryOptions().setSendTimeout(timeoutMs));
    eventBus.<JsonObject>request(route.address(), body, options)
      .recover(failure -> Future.failedFuture(BusErrors.toParley(failure, CorrelationId.of(ctx), route.address())))
      .onSuccess(reply -> {
        // Before the client hears "signed out", this node already refuses the token.
        authentication.revoked().revokedByReply(reply.headers().get(SessionRevocations.REPLY_HEADER));
        answer(ctx, route, reply);
      })
      .onFailure(ctx::fail);
  }

  private static void answer(RoutingContext ctx, ApiRoute route, Message<JsonObject> reply) {
    if (route.status() == ApiRoute.NO_CONTENT) {
      ResponseCheck.thenSend(ctx, ApiRoute.NO_CONTENT, null, () -> ctx.response().setStatusCode(ApiRoute.NO_CONTENT).end());
      return;
    }
    String status = reply.headers().get(Headers.REPLY_STATUS);
    int code = status != null ? Integer.parseInt(status) : route.status();
    Buffer body = Buffer.buffer(reply.body() == null ? "{}" : reply.body().encode());
    ResponseCheck.thenSend(ctx, code, body, () -> ctx.response()
      .setStatusCode(code)
      .putHeader("Content-Type", "application/json")
      .end(body));
  }
}
