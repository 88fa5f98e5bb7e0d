package io.parley.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * One numbered change of a chat: what sync returns and what each committed change publishes. The
 * same shape in both places, so a device handles a live event and a synced one with the same code.
 *
 * @param messageSeq the message the change is about (for message.sent, its own seq)
 * @param data       type-specific details: for {@code chat.member.changed} the action ({@code added},
 *                   {@code joined}, {@code removed}, {@code left}, {@code role_changed},
 *                   {@code ownership_transferred}) and its {@code userIds}, repeated at the top as
 *                   {@code change} and {@code userIds}; for {@code chat.created} all {@code memberIds};
 *                   for {@code chat.invite.changed} the action ({@code created}, {@code revoked}) and
 *                   the link's {@code inviteId} (never its token); for {@code location.stopped} {@code stoppedAt}
 * @param message    the message as it is now (a tombstone once deleted), or null
 */
record Change(UUID chatId, long seq, String type, UUID actorId, Instant time, Long messageSeq, JsonObject data,
              JsonObject message) {

  static final String MESSAGE_SENT = "message.sent";
  static final String MESSAGE_EDITED = "message.edited";
  static final String MESSAGE_DELETED = "message.deleted";
  static final String MESSAGE_PINNED = "message.pinned";
  static final String MESSAGE_UNPINNED = "message.unpinned";
  static final String REACTION_CHANGED = "reaction.changed";
  static final String CHAT_CREATED = "chat.created";
  static final String CHAT_UPDATED = "chat.updated";
  static final String MEMBER_CHANGED = "chat.member.changed";
  static final String INVITE_CHANGED = "chat.invite.changed";
  static final String LOCATION_STOPPED = "location.stopped";

  /** The change as its event payload and sync item: {@code {chatId, seq, type, actorId, time, ...}}. */
  JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("chatId", chatId.toString())
      .put("seq", seq)
      .put("type", type)
      .put("actorId", actorId.toString())
      .put("time", time.toString());
    if (messageSeq != null) {
      json.put("messageSeq", messageSeq);
    }
    if (data != null && !data.isEmpty()) {
      json.put("data", data);
      // Who joins or leaves, at the top, where the realtime edge reads it to route the chat.
      if (MEMBER_CHANGED.equals(type)) {
        json.put("change", data.getString("action")).put("userIds", data.getJsonArray("userIds"));
      } else if (CHAT_CREATED.equals(type)) {
        json.put("memberIds", data.getJsonArray("memberIds"));
      }
    }
    if (message != null) {
      json.put("message", message);
    }
    return json;
  }
}
