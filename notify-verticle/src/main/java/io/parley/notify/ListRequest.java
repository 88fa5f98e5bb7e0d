package io.parley.notify;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@code GET /api/v1/notifications?before=&limit=}: a page of my notifications, newest first.
 *
 * @param before the id of the last item of the previous page, or null for the newest page
 * @param limit  1 to 100, default 20
 */
record ListRequest(UUID before, int limit) {

  static final int MAX_LIMIT = 100;

  static ListRequest from(JsonObject query) {
    Object before = query.getValue("before");
    return new ListRequest(before == null || before.toString().isEmpty() ? null : Fields.parameterId(before, "before"),
      Fields.integer(query.getValue("limit"), "limit", 20, 1, MAX_LIMIT));
  }
}
