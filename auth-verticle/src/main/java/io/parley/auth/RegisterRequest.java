package io.parley.auth;

import io.vertx.core.json.JsonObject;

/**
 * {@code POST /api/v1/auth/register}: a new account, signed in on the device that created it; on a
 * server that signs people up by invitation, with the {@code inviteCode} an admin issued.
 */
record RegisterRequest(String email, String username, String password, String displayName, String deviceName,
                       String inviteCode) {

  static RegisterRequest from(JsonObject body) {
    String email = AccountRules.email(Fields.required(body, "email", AccountRules.EMAIL_MAX));
    String username = AccountRules.username(Fields.required(body, "username", Fields.SANITY_MAX));
    String password = Fields.required(body, "password", Fields.SANITY_MAX);
    String displayName = AccountRules.displayName(Fields.required(body, "displayName", AccountRules.DISPLAY_NAME_MAX));
    PasswordPolicy.check(password, username, email);
    String inviteCode = Fields.optional(body, "inviteCode", 64);
    return new RegisterRequest(email, username, password, displayName, LoginRequest.deviceName(body),
      inviteCode == null || inviteCode.isBlank() ? null : inviteCode.strip());
  }
}
