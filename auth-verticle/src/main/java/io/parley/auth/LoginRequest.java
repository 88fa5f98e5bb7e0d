package io.parley.auth;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * {@code POST /api/v1/auth/login}: a username or an email, and a password.
 *
 * @param login      as typed, trimmed; usernames and emails are matched regardless of case
 * @param deviceName how the device is shown in the session list (may be empty)
 */
record LoginRequest(String login, String password, String deviceName) {

  static final int DEVICE_NAME_MAX = 64;

  static LoginRequest from(JsonObject body) {
    // No control characters: a NUL cannot even be looked up in PostgreSQL text.
    String login = Fields.text(Fields.required(body, "login", AccountRules.EMAIL_MAX), "login", false);
    String password = Fields.required(body, "password", Fields.SANITY_MAX);
    return new LoginRequest(login, password, deviceName(body));
  }

  /** Emails contain an @, usernames never do. */
  boolean isEmail() {
    return login.indexOf('@') >= 0;
  }

  /** The login in the form the per-account rate limit counts: case does not make a new account. */
  String normalisedLogin() {
    return login.toLowerCase(Locale.ROOT);
  }

  static String deviceName(JsonObject body) {
    String name = Fields.optional(body, "deviceName", DEVICE_NAME_MAX);
    return name == null ? "" : Fields.text(name, "deviceName", false);
  }
}
