package io.parley.gateway;

import io.parley.shared.error.CommonErrors;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a query string that is not valid percent-encoding ({@code ?%ZZ=1}) with 400
 * {@code request.invalid_parameter} before any route reads it: otherwise the first handler to
 * decode it failed, some with a 500, some with a plain-text 400.
 */
final class QueryStrings {

  private QueryStrings() {
  }

  static void check(RoutingContext ctx) {
    if (malformed(ctx)) {
      ctx.fail(CommonErrors.INVALID_PARAMETER.exception("The query string is not valid percent-encoding"));
    } else {
      ctx.next();
    }
  }

  /** Whether the request's query string fails to decode (a router may meet it first, and fail with a bare 400). */
  static boolean malformed(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query == null || query.isEmpty()) {
      return false;
    }
    try {
      io.netty.handler.codec.http.QueryStringDecoder decoder = new io.netty.handler.codec.http.QueryStringDecoder(query, false);
      decoder.parameters();
      return false;
    } catch (IllegalArgumentException notDecodable) {
      return true;
    }
  }
}
