package io.parley.auth;

import io.vertx.core.json.JsonObject;

/** {@code POST /api/v1/me/password}: the current password confirms, the new one replaces it. */
record ChangePasswordRequest(String currentPassword, String newPassword) {

  static ChangePasswordRequest from(JsonObject body) {
    return new ChangePasswordRequest(
      Fields.required(body, "currentPassword", Fields.SANITY_MAX),
      Fields.required(body, "newPassword", Fields.SANITY_MAX));
  }
}
