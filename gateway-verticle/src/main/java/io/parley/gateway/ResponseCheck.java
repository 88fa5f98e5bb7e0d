package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code http.checkResponses} on (the test suites), every answer of an operation is checked
 * against the contract before it is sent: its status must be one the operation declares, its
 * body must match that status's schema, an error's code must be one listed for it. An answer that
 * does not is held back and the caller gets 500 {@code server.contract_violation} saying why, so
 * any test that meets it fails. This is the one place all REST answers pass through, which is
 * why the check sits here rather than in each test's client.
 */
final class ResponseCheck {

  private static final Logger log = LoggerFactory.getLogger(ResponseCheck.class);
  private static final String KEY = "parley.responseCheck";

  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  ResponseCheck(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, ValidatorCache.over(contract));
  }

  /** The first handler of the router: makes this check apply to the request's answer. */
  void attach(RoutingContext ctx) {
    ctx.put(KEY, this);
    ctx.next();
  }

  /**
   * Runs {@code send} once the answer ({@code body} null for none) is known to keep the contract,
   * or answers the violation instead; without a check attached, runs it at once.
   */
  static void thenSend(RoutingContext ctx, int status, Buffer body, Runnable send) {
    ResponseCheck check = ctx.get(KEY);
    if (check == null) {
      send.run();
      return;
    }
    check.verify(ctx, status, body)
      .onSuccess(kept -> send.run())
      .onFailure(violation -> {
        ctx.remove(KEY);
        log.error("{} {} answered {} outside the contract: {} (body {})", ctx.request().method(), ctx.request().path(),
          status, violation.getMessage(), body);
        HttpErrors.respond(ctx, CommonErrors.CONTRACT_VIOLATION.exception(ctx.request().method() + " "
          + ctx.request().path() + " answered " + status + " outside the API contract: " + violation.getMessage()));
      });
  }

  private Future<Void> verify(RoutingContext ctx, int status, Buffer body) {
    Operation operation = contract.findOperation(ctx.request().path(), ctx.request().method());
    if (operation == null) {
      // No operation: an unknown path or method, answered by the router's own 404 or 405.
      return Future.succeededFuture();
    }
    ValidatableResponse response = body == null || body.length() == 0 ? ValidatableResponse.create(status)
      : ValidatableResponse.create(status, body, "application/json");
    return validator.validate(response, operation.getOperationId()).mapEmpty();
  }
}
