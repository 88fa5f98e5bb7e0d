package io.parley.notify;

import io.vertx.core.json.JsonObject;

/** {@code PUT /api/v1/notifications/settings}: {@code {hidePreviews?, reactions?}}; an absent field keeps its value. */
record UserSettingsRequest(Boolean hidePreviews, Boolean reactions) {

  static UserSettingsRequest from(JsonObject body) {
    return new UserSettingsRequest(Fields.optionalBoolean(body, "hidePreviews"), Fields.optionalBoolean(body, "reactions"));
  }
}
