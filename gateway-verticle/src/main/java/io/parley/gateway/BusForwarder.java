package io.parley.gateway;

import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Turns a REST call into an event-bus request to the service that owns it, so a service can run
 * on any node of the cluster. The gateway stamps identity (from the verified access token), the
 * client's address, user agent and the correlation id into the headers; services trust only
 * those. The reply body becomes the response body; a failure becomes the JSON error shape.
 */
public final class BusForwarder {

  /** The access token's user id claim, as put there by the auth service. */
  public static final String SUBJECT_CLAIM = "sub";
  /** The access token's device session claim. */
  public static final String SESSION_CLAIM = "sid";

  private final EventBus eventBus;
  private final long timeoutMs;

  public BusForwarder(EventBus eventBus, long timeoutMs) {
    this.eventBus = eventBus;
    this.timeoutMs = timeoutMs;
  }

  /** Forwards with a body built from the request; answers {@code successStatus} unless the service says otherwise. */
  public Handler<RoutingContext> forward(String address, int successStatus, Function<RoutingContext, JsonObject> requestBody) {
    return ctx -> {
      JsonObject body;
      try {
        body = requestBody.apply(ctx);
      } catch (RuntimeException invalid) {
        ctx.fail(invalid);
        return;
      }
      request(ctx, address, body)
        .onSuccess(reply -> {
          String status = reply.headers().get(Headers.REPLY_STATUS);
          ctx.response()
            .setStatusCode(status != null ? Integer.parseInt(status) : successStatus)
            .putHeader("Content-Type", "application/json")
            .end(reply.body() == null ? "{}" : reply.body().encode());
        })
        .onFailure(ctx::fail);
    };
  }

  /** Sends one request on behalf of the HTTP caller, with the server-stamped headers. */
  public Future<Message<JsonObject>> request(RoutingContext ctx, String address, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions()
      .setSendTimeout(timeoutMs)
      .addHeader(Headers.CORRELATION_ID, CorrelationId.of(ctx))
      .addHeader(Headers.CLIENT_ADDRESS, ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress())
      .addHeader(Headers.USER_AGENT, String.valueOf(ctx.request().getHeader("User-Agent")));
    User user = ctx.user();
    if (user != null) {
      options.addHeader(Headers.USER_ID, user.principal().getString(SUBJECT_CLAIM));
      String session = user.principal().getString(SESSION_CLAIM);
      if (session != null) {
        options.addHeader(Headers.SESSION_ID, session);
      }
    }
    return eventBus.<JsonObject>request(address, body, options)
      .recover(failure -> Future.failedFuture(BusErrors.toParley(failure, CorrelationId.of(ctx), address)));
  }

  /** The request body as a JSON object; anything else is answered 400 {@code request.malformed_json}. */
  public static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw CommonErrors.MALFORMED_JSON.exception("A JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException notAnObject) {
      throw CommonErrors.MALFORMED_JSON.exception("The request body is not a valid JSON object");
    }
  }

  /** No body: the service needs only the stamped identity. */
  public static JsonObject noBody(RoutingContext ctx) {
    return new JsonObject();
  }
}
