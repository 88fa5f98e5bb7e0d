package io.parley.auth;

import io.vertx.core.json.JsonObject;

/**
 * {@code DELETE /api/v1/me}: the password confirms, so a borrowed access token alone cannot delete
 * an account.
 */
record DeleteAccountRequest(String password) {

  static DeleteAccountRequest from(JsonObject body) {
    return new DeleteAccountRequest(Fields.required(body, "password", Fields.SANITY_MAX));
  }
}
