package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks each JSON request body against its operation's schema in the contract before the request
 * is forwarded. A body that does not match is refused with 400 {@code request.invalid} and the
 * offending field in {@code details.field}, the same answer the services give for a missing or
 * mistyped field, so clients see one refusal whichever side catches it. The schemas constrain
 * presence and types; value rules (lengths, ranges, formats of text) stay with the services and
 * their domain codes. Parameters are strings in the contract and checked by the services.
 */
final class RequestValidation {

  /** The document's server for validation: the contract library needs an absolute URL; only its path matters. */
  static final String SERVER = "http://parley.invalid" + OpenApiDocument.BASE_PATH;

  private final OpenAPIContract contract;
  private final RequestValidator validator;

  private RequestValidation(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, ValidatorCache.over(contract));
  }

  /** The validator for the contract built from the route tables; fails if the document is not valid OpenAPI 3.1. */
  static Future<RequestValidation> create(Vertx vertx) {
    return OpenAPIContract.from(vertx, OpenApiDocument.build(SERVER)).map(contract -> new RequestValidation(vertx, contract));
  }

  OpenAPIContract contract() {
    return contract;
  }

  /** The handler for one route: a route without a body passes straight on. */
  Handler<RoutingContext> of(ApiRoute route, String operationId) {
    Operation operation = contract.operation(operationId);
    if (operation == null) {
      throw new IllegalStateException("The contract has no operation " + operationId);
    }
    if (route.shape() != RequestShape.JSON) {
      return RoutingContext::next;
    }
    return ctx -> {
      JsonObject body;
      try {
        // A body that is not a JSON object keeps its own refusal (request.malformed_json).
        body = route.shape().body(ctx);
      } catch (RuntimeException invalid) {
        ctx.fail(invalid);
        return;
      }
      body.fieldNames().removeAll(ctx.pathParams().keySet());
      Buffer json = body.toBuffer();
      RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(json))
        .map(JsonRequest::new)
        .compose(request -> validator.validate(request, operationId))
        .onSuccess(valid -> ctx.next())
        .onFailure(failure -> ctx.fail(refusal(failure)));
    };
  }

  /** A validation failure as the shared 400 body; anything else fails as it is. */
  static Throwable refusal(Throwable failure) {
    if (failure instanceof SchemaValidationException schema) {
      String field = fieldOf(schema.getOutputUnit());
      return CommonErrors.INVALID_REQUEST.exception(
        (field.isEmpty() ? "The body" : field) + " does not match the API contract: " + schema.getOutputUnit().getError(),
        field.isEmpty() ? null : new JsonObject().put("field", field));
    }
    if (failure instanceof ValidatorException invalid) {
      return CommonErrors.INVALID_REQUEST.exception(invalid.getMessage());
    }
    return failure;
  }

  /** A missing required field is reported at its object, with the name in the message. */
  private static final Pattern MISSING = Pattern.compile("required property \"([^\"]+)\"");

  /**
   * The field an error points at, from its JSON pointer ({@code /media/id} → {@code media.id});
   * for a missing required field, that field ({@code media.id} too), as the services name it.
   */
  private static String fieldOf(OutputUnit unit) {
    OutputUnit deepest = unit;
    while (deepest.getErrors() != null && !deepest.getErrors().isEmpty()) {
      deepest = deepest.getErrors().get(0);
    }
    String location = deepest.getInstanceLocation() == null ? "" : deepest.getInstanceLocation();
    String field = location.replaceFirst("^#?/?", "").replace('/', '.');
    Matcher missing = MISSING.matcher(deepest.getError() == null ? "" : deepest.getError());
    if (missing.find()) {
      return field.isEmpty() ? missing.group(1) : field + "." + missing.group(1);
    }
    return field;
  }

  /**
   * The request as the validator sees it: the parameters read from the HTTP request and the body
   * the gateway parsed, as JSON whatever the client declared (the gateway reads JSON bodies
   * without insisting on a Content-Type, as it always has).
   */
  private record JsonRequest(ValidatableRequest extracted) implements ValidatableRequest {

    @Override
    public Map<String, RequestParameter> getCookies() {
      return extracted.getCookies();
    }

    @Override
    public Map<String, RequestParameter> getHeaders() {
      return extracted.getHeaders();
    }

    @Override
    public Map<String, RequestParameter> getPathParameters() {
      return extracted.getPathParameters();
    }

    @Override
    public Map<String, RequestParameter> getQuery() {
      return extracted.getQuery();
    }

    @Override
    public RequestParameter getBody() {
      return extracted.getBody();
    }

    @Override
    public String getContentType() {
      return "application/json";
    }
  }
}
