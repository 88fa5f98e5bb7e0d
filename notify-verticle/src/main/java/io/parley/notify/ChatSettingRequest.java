package io.parley.notify;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code PUT /api/v1/chats/{id}/notifications}: {@code {mode, mutedUntil?, hidePreviews?}}. A
 * missing or null {@code mutedUntil} unmutes; {@code hidePreviews} keeps its value when absent.
 */
record ChatSettingRequest(UUID chatId, Mode mode, Instant mutedUntil, Boolean hidePreviews) {

  static ChatSettingRequest from(JsonObject body) {
    UUID chatId = Fields.parameterId(body.getValue("chatId"), "chatId");
    return new ChatSettingRequest(chatId, Mode.of(Fields.requiredString(body, "mode", 16)),
      Fields.optionalInstant(body, "mutedUntil"), Fields.optionalBoolean(body, "hidePreviews"));
  }
}
