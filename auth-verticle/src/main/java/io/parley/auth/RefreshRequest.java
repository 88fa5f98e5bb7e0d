package io.parley.auth;

import io.vertx.core.json.JsonObject;

/** {@code POST /api/v1/auth/refresh}: trade a refresh token for a new access and refresh token. */
record RefreshRequest(String refreshToken) {

  static RefreshRequest from(JsonObject body) {
    return new RefreshRequest(Fields.required(body, "refreshToken", 256));
  }
}
