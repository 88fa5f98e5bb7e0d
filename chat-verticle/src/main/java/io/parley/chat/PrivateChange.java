package io.parley.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One numbered change of a member's private state: a message deleted for them only, or their pin,
 * mute and archive of a chat. Numbered per user ({@code userSeq}), as chat changes are per chat,
 * so the member's other devices get every one through sync; nobody else ever sees them. The same
 * shape is the live event's payload and the sync item.
 *
 * @param data for {@code chat.settings.changed} the settings as they became
 *             ({@code pinned, pinnedAt?, muted, mutedUntil?, archived}), written at the top level
 */
record PrivateChange(UUID userId, long userSeq, String type, UUID chatId, Long messageSeq, JsonObject data,
                     Instant time) {

  static final String MESSAGE_HIDDEN = "message.hidden";
  static final String SETTINGS_CHANGED = "chat.settings.changed";

  /** {@code {userSeq, chatId, type, time, audience:"user", userId, messageSeq?, ...data}}. */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("userSeq", userSeq)
      .put("chatId", chatId.toString())
      .put("type", type)
      .put("time", time.toString())
      .put("audience", ChatEvents.USER)
      .put("userId", userId.toString());
    if (messageSeq != null) {
      json.put("messageSeq", messageSeq);
    }
    if (data != null) {
      data.forEach(field -> json.put(field.getKey(), field.getValue()));
    }
    return json;
  }
}
