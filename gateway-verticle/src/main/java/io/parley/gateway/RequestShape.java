package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * How a REST request becomes the body of its bus request. The path parameters are always written
 * over whatever the client sent, so a body or a query never redirects a request to another chat,
 * message or user. Query parameters travel as text (the first value of each); the service
 * validates every field.
 */
enum RequestShape {

  /** The path parameters alone: the service needs only them and the stamped caller. */
  PATH(ctx -> new JsonObject()),
  /** The JSON object body; anything else is refused with 400 {@code request.malformed_json}. */
  JSON(RequestShape::jsonObject),
  /** The query parameters. */
  QUERY(RequestShape::queryParameters);

  private final Function<RoutingContext, JsonObject> input;

  RequestShape(Function<RoutingContext, JsonObject> input) {
    this.input = input;
  }

  JsonObject body(RoutingContext ctx) {
    JsonObject body = input.apply(ctx);
    ctx.pathParams().forEach(body::put);
    return body;
  }

  private static JsonObject jsonObject(RoutingContext ctx) {
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

  private static JsonObject queryParameters(RoutingContext ctx) {
    JsonObject params = new JsonObject();
    ctx.queryParams().names().forEach(name -> params.put(name, ctx.queryParams().get(name)));
    return params;
  }
}
