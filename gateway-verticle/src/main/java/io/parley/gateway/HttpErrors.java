package io.parley.gateway;

import io.parley.shared.error.BusErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The one place where a failure becomes an HTTP response: always the JSON error shape
 * {@code {"error":{"code","message"}}}, never a stack trace. Unexpected failures are logged with
 * the request's correlation id and answered as 500; bad input never is.
 */
final class HttpErrors {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {
  }

  static void handleFailure(RoutingContext ctx) {
    if (ClientFaults.isClientFault(ctx.failure())) {
      // The client went away or sent a body that cannot be read: its fault, one line at DEBUG.
      log.debug("{} {} failed on the client's side: {}", ctx.request().method(), ctx.request().path(), ctx.failure().toString());
      if (!ctx.response().headWritten() && !ctx.response().closed()) {
        ctx.response().putHeader("Connection", "close");
        respond(ctx, CommonErrors.INVALID_REQUEST.exception("The request could not be read"));
      } else {
        ctx.request().connection().close();
      }
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    respond(ctx, toParley(ctx));
  }

  static void respond(RoutingContext ctx, ParleyException error) {
    if (error.details() != null && error.details().containsKey("retryAfterSeconds")) {
      ctx.response().putHeader("Retry-After", String.valueOf(error.details().getValue("retryAfterSeconds")));
    }
    if (error.errorCode().status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    Buffer body = new JsonObject().put("error", error.toJson()).toBuffer();
    ResponseCheck.thenSend(ctx, error.errorCode().status(), body, () -> ctx.response()
      .setStatusCode(error.errorCode().status())
      .putHeader("Content-Type", "application/json")
      .end(body));
  }

  private static ParleyException toParley(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ParleyException parley) {
      return parley;
    }
    if (failure instanceof DecodeException || failure instanceof ClassCastException && ctx.body().available()) {
      return CommonErrors.MALFORMED_JSON.exception("The request body is not a valid JSON object");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 400 -> QueryStrings.malformed(ctx)
        ? CommonErrors.INVALID_PARAMETER.exception("The query string is not valid percent-encoding")
        : CommonErrors.INVALID_REQUEST.exception("The request is malformed");
      case 401 -> CommonErrors.UNAUTHENTICATED.exception("A valid access token is required");
      case 403 -> CommonErrors.FORBIDDEN.exception("You are not allowed to do this");
      case 404 -> CommonErrors.NOT_FOUND.exception("No such resource: " + ctx.request().path());
      case 405 -> CommonErrors.METHOD_NOT_ALLOWED.exception("This resource does not support " + ctx.request().method());
      case 413 -> CommonErrors.BODY_TOO_LARGE.exception("The request body is larger than allowed");
      case 415 -> CommonErrors.UNSUPPORTED_MEDIA_TYPE.exception("Send the body as application/json");
      default -> BusErrors.toParley(failure == null ? new IllegalStateException("HTTP " + status) : failure,
        CorrelationId.of(ctx), ctx.request().method() + " " + ctx.request().path());
    };
  }
}
