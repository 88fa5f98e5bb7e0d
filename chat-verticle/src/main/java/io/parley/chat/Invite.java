package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;

import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;

/**
 * An invite link to a group or channel. The token is the secret part of the link; the id names
 * the link where others may read it (system messages, events).
 *
 * @param expiresAt null: never expires
 * @param maxUses   null: no limit
 */
record Invite(String token, UUID id, UUID chatId, UUID createdBy, Instant createdAt, Instant expiresAt,
              Integer maxUses, int uses, Instant revokedAt) {

  static final String COLUMNS = "i.token, i.id, i.chat_id, i.created_by, i.created_at, i.expires_at, i.max_uses, i.uses, i.revoked_at";

  static Invite from(Row row) {
    return new Invite(row.getString("token"), row.getUUID("id"), row.getUUID("chat_id"), row.getUUID("created_by"),
      instant(row, "created_at"), instant(row, "expires_at"), row.getInteger("max_uses"),
      row.getInteger("uses"), instant(row, "revoked_at"));
  }

  /** {@code active}, {@code revoked}, {@code expired} or {@code used_up}. */
  String state(Instant now) {
    if (revokedAt != null) {
      return "revoked";
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      return "expired";
    }
    return maxUses != null && uses >= maxUses ? "used_up" : "active";
  }

  /** Why the link cannot be used now, or null if it can. */
  ParleyException refusal(Instant now) {
    return switch (state(now)) {
      case "revoked" -> ChatErrors.INVITE_REVOKED.exception("This invite link was revoked");
      case "expired" -> ChatErrors.INVITE_EXPIRED.exception("This invite link has expired");
      case "used_up" -> ChatErrors.INVITE_USED_UP.exception("This invite link was used as often as it allows");
      default -> null;
    };
  }

  /** The link as its chat's owner and admins see it. */
  JsonObject toJson(Instant now) {
    JsonObject json = new JsonObject()
      .put("token", token)
      .put("id", id.toString())
      .put("chatId", chatId.toString())
      .put("createdBy", createdBy.toString())
      .put("createdAt", createdAt.toString())
      .put("uses", uses)
      .put("state", state(now));
    if (expiresAt != null) {
      json.put("expiresAt", expiresAt.toString());
    }
    if (maxUses != null) {
      json.put("maxUses", maxUses);
    }
    if (revokedAt != null) {
      json.put("revokedAt", revokedAt.toString());
    }
    return json;
  }
}
