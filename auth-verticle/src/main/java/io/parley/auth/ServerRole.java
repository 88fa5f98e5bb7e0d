package io.parley.auth;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** A server-wide role, beside the per-chat roles of the chat service. */
enum ServerRole {
  /** Manages the server: roles, settings, invite codes, announcements; moderates too. */
  ADMIN,
  /** Works the report queue and sanctions plain users. */
  MODERATOR;

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role a request names; anything else answers 400 {@code request.invalid_parameter}. */
  static ServerRole of(String code) {
    for (ServerRole role : values()) {
      if (role.code().equals(code)) {
        return role;
      }
    }
    throw CommonErrors.INVALID_PARAMETER.exception("role is admin or moderator", new JsonObject().put("field", "role"));
  }
}
