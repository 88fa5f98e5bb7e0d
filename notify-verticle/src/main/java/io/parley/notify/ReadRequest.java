package io.parley.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /api/v1/notifications/read}: {@code {ids:[…]}} (at most 500) or {@code {all:true}}. */
record ReadRequest(List<UUID> ids, boolean all) {

  static final int MAX_IDS = 500;

  static ReadRequest from(JsonObject body) {
    boolean all = Boolean.TRUE.equals(Fields.optionalBoolean(body, "all"));
    JsonArray ids = Fields.optionalArray(body, "ids");
    if (all == (ids != null)) {
      throw Fields.invalid("ids", "Give either ids or all:true");
    }
    if (all) {
      return new ReadRequest(List.of(), true);
    }
    if (ids.size() > MAX_IDS) {
      throw Fields.invalid("ids", "At most " + MAX_IDS + " ids at once");
    }
    List<UUID> parsed = new ArrayList<>(ids.size());
    ids.forEach(id -> parsed.add(Fields.bodyId(id, "ids")));
    return new ReadRequest(parsed, false);
  }
}
