package io.parley.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** One of my signed-in devices, as {@code GET /api/v1/sessions} lists it. */
record SessionInfo(UUID id, String deviceName, String userAgent, String clientAddress, Instant createdAt,
                   Instant lastUsedAt, Instant expiresAt) {

  JsonObject toJson(UUID currentSessionId) {
    return new JsonObject()
      .put("id", id.toString())
      .put("deviceName", deviceName)
      .put("userAgent", userAgent)
      .put("lastAddress", clientAddress)
      .put("createdAt", createdAt.toString())
      .put("lastUsedAt", lastUsedAt.toString())
      .put("expiresAt", expiresAt.toString())
      .put("current", id.equals(currentSessionId));
  }
}
