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
    String query = ctx.request().query();
    if (query == null || query.isEmpty()) {
      ctx.next();
      return;
    }
    try {
      ctx.queryParams();
    } catch (IllegalArgumentException malformed) {
      ctx.fail(CommonErrors.INVALID_PARAMETER.exception("The query string is not valid percent-encoding"));
      return;
    }
    ctx.next();
  }
}
