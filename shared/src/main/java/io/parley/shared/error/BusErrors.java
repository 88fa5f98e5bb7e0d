package io.parley.shared.error;

import io.parley.shared.Headers;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How errors cross the event bus. A service fails a request with the HTTP status as failure code
 * and the JSON error body as failure message; the caller turns that back into a
 * {@link ParleyException}. Through the SockJS bridge the browser receives the same pair, so the
 * message is always safe to show.
 */
public final class BusErrors {

  private static final Logger log = LoggerFactory.getLogger(BusErrors.class);
  /** SQLSTATE class 22, "data exception": the value itself is wrong, whatever the statement. */
  private static final String DATA_EXCEPTION = "22";

  private BusErrors() {
  }

  /** Answers a request with a failure; unexpected exceptions are logged here and hidden. */
  public static void fail(Message<?> request, Throwable failure) {
    ParleyException error = toParley(failure, request.headers().get(Headers.CORRELATION_ID), request.address());
    request.fail(error.errorCode().status(), error.toJson().encode());
  }

  /** Maps any failure to what a client may see, logging the ones that are not ParleyExceptions. */
  public static ParleyException toParley(Throwable failure, String correlationId, String where) {
    if (failure instanceof ParleyException parley) {
      return parley;
    }
    if (failure instanceof ReplyException reply) {
      return fromReply(reply);
    }
    if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith(DATA_EXCEPTION)) {
      // A value PostgreSQL cannot hold (a NUL in text, a date past year 294276, …) that validation
      // let through: the input's fault, never a 500; logged so the validation can be tightened.
      log.info("Refused a value PostgreSQL cannot store in {} [correlation {}]: {} {}", where, correlationId,
        pg.getSqlState(), pg.getErrorMessage());
      return CommonErrors.INVALID_REQUEST.exception("A value in the request is malformed or out of range");
    }
    log.error("Unexpected failure in {} [correlation {}]", where, correlationId, failure);
    return CommonErrors.INTERNAL.exception("Something went wrong; quote correlation id " + correlationId);
  }

  /**
   * One outcome among several in one reply: {@code {"message": …}} for a success, or
   * {@code {"status": 4xx, "error": {"code", "message", …}}} for the error a client may see.
   */
  public static JsonObject outcome(JsonObject answer, Throwable failure, String correlationId, String where) {
    if (failure == null) {
      return new JsonObject().put("message", answer);
    }
    ParleyException error = toParley(failure, correlationId, where);
    return new JsonObject().put("status", error.errorCode().status()).put("error", error.toJson());
  }

  /** The error of a failed {@link #outcome}, or null when it succeeded. */
  public static ParleyException failureOf(JsonObject outcome) {
    JsonObject error = outcome.getJsonObject("error");
    if (error == null) {
      return null;
    }
    JsonObject details = error.copy();
    details.remove("code");
    details.remove("message");
    return new ParleyException(new ErrorCode(error.getString("code"), outcome.getInteger("status")), error.getString("message"),
      details.isEmpty() ? null : details);
  }

  /** Turns the failure of a bus request back into the error the service meant. */
  public static ParleyException fromReply(ReplyException reply) {
    if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return CommonErrors.SERVICE_UNAVAILABLE.exception("The service for this request is not running");
    }
    if (reply.failureType() == ReplyFailure.TIMEOUT) {
      return CommonErrors.SERVICE_UNAVAILABLE.exception("The service did not answer in time");
    }
    try {
      JsonObject body = new JsonObject(reply.getMessage());
      String code = body.getString("code");
      String message = body.getString("message");
      int status = reply.failureCode();
      if (code != null && message != null && status >= 400 && status <= 599) {
        body.remove("code");
        body.remove("message");
        return new ParleyException(new ErrorCode(code, status), message, body.isEmpty() ? null : body);
      }
    } catch (DecodeException | NullPointerException notOurs) {
      // fall through: a failure not produced by fail(...) above
    }
    log.error("Unrecognised bus failure {}: {}", reply.failureCode(), reply.getMessage());
    return CommonErrors.INTERNAL.exception("Something went wrong");
  }
}
