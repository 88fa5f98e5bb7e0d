package io.parley.auth;

import io.vertx.core.json.JsonObject;

/**
 * The server-wide settings an admin changes: who may sign up ({@code open}, {@code invite} with a
 * code an admin issued, {@code closed}), how many accounts the server holds at most, and how many
 * days messages and media messages are kept (null = no limit, for ever).
 */
record ServerSettings(String registration, Integer maxAccounts, Integer messageRetentionDays,
                      Integer mediaRetentionDays) {

  static final String OPEN = "open";
  static final String INVITE = "invite";
  static final String CLOSED = "closed";

  JsonObject toJson() {
    return new JsonObject()
      .put("registration", registration)
      .put("maxAccounts", maxAccounts)
      .put("messageRetentionDays", messageRetentionDays)
      .put("mediaRetentionDays", mediaRetentionDays);
  }
}
