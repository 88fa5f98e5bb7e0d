package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/** Notification settings: per chat (mode, mute, previews) and per person (previews, reactions). */
final class SettingsStore {

  private static final String MEMBER = """
      SELECT 1 FROM notify_chat_members WHERE chat_id = $1 AND user_id = $2 AND NOT left_chat""";
  private static final String CHAT = """
      SELECT mode, muted_until, hide_previews FROM notify_chat_settings WHERE chat_id = $1 AND user_id = $2""";
  private static final String SAVE_CHAT = """
      INSERT INTO notify_chat_settings (chat_id, user_id, mode, muted_until, hide_previews, updated_at)
      VALUES ($1, $2, $3, $4, coalesce($5, false), $6)
      ON CONFLICT (chat_id, user_id) DO UPDATE SET mode = excluded.mode, muted_until = excluded.muted_until,
        hide_previews = coalesce($5, notify_chat_settings.hide_previews), updated_at = excluded.updated_at
      RETURNING mode, muted_until, hide_previews""";
  private static final String USER = "SELECT hide_previews, reactions FROM notify_user_settings WHERE user_id = $1";
  private static final String SAVE_USER = """
      INSERT INTO notify_user_settings (user_id, hide_previews, reactions, updated_at)
      VALUES ($1, coalesce($2, false), coalesce($3, true), $4)
      ON CONFLICT (user_id) DO UPDATE SET hide_previews = coalesce($2, notify_user_settings.hide_previews),
        reactions = coalesce($3, notify_user_settings.reactions), updated_at = excluded.updated_at
      RETURNING hide_previews, reactions""";

  private final Pool pool;

  SettingsStore(Pool pool) {
    this.pool = pool;
  }

  /** Whether the user is a member of the chat now (through the chat-members view). */
  Future<Boolean> isMember(UUID chatId, UUID userId) {
    return pool.preparedQuery(MEMBER).execute(Tuple.of(chatId, userId)).map(rows -> rows.size() > 0);
  }

  /** {@code {mode, mutedUntil?, hidePreviews}}; without a row, the default. */
  Future<JsonObject> chat(UUID chatId, UUID userId) {
    return pool.preparedQuery(CHAT).execute(Tuple.of(chatId, userId))
      .map(rows -> rows.size() == 0 ? chatJson(Mode.ALL.wire, null, false) : chatJson(rows.iterator().next()));
  }

  Future<JsonObject> saveChat(ChatSettingRequest request, UUID userId, Instant now) {
    return pool.preparedQuery(SAVE_CHAT).execute(Tuple.of(request.chatId(), userId, request.mode().wire,
        DbTime.utc(request.mutedUntil()), request.hidePreviews(), DbTime.utc(now)))
      .map(rows -> chatJson(rows.iterator().next()));
  }

  /** {@code {hidePreviews, reactions}}; without a row, the defaults. */
  Future<JsonObject> user(UUID userId) {
    return pool.preparedQuery(USER).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? userJson(false, true) : userJson(rows.iterator().next()));
  }

  Future<JsonObject> saveUser(UserSettingsRequest request, UUID userId, Instant now) {
    return pool.preparedQuery(SAVE_USER).execute(Tuple.of(userId, request.hidePreviews(), request.reactions(), DbTime.utc(now)))
      .map(rows -> userJson(rows.iterator().next()));
  }

  private static JsonObject chatJson(Row row) {
    Instant muted = DbTime.instant(row, "muted_until");
    return chatJson(row.getString("mode"), muted, row.getBoolean("hide_previews"));
  }

  private static JsonObject chatJson(String mode, Instant mutedUntil, boolean hidePreviews) {
    JsonObject json = new JsonObject().put("mode", mode).put("hidePreviews", hidePreviews);
    if (mutedUntil != null) {
      json.put("mutedUntil", mutedUntil.toString());
    }
    return json;
  }

  private static JsonObject userJson(Row row) {
    return userJson(row.getBoolean("hide_previews"), row.getBoolean("reactions"));
  }

  private static JsonObject userJson(boolean hidePreviews, boolean reactions) {
    return new JsonObject().put("hidePreviews", hidePreviews).put("reactions", reactions);
  }
}
