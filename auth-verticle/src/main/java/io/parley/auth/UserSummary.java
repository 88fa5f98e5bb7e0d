package io.parley.auth;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A person in a list (search results, my blocks). */
record UserSummary(UUID id, String username, String displayName, UUID avatarMediaId, String statusText) {

  JsonObject toJson() {
    return new JsonObject()
      .put("id", id.toString())
      .put("username", username)
      .put("displayName", displayName)
      .put("avatarMediaId", avatarMediaId == null ? null : avatarMediaId.toString())
      .put("statusText", statusText);
  }
}
