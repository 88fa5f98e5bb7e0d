package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who may be told about something in a chat, read through the notify views of migration V020
 * (never the chat or account tables themselves): one set-based query per event, whatever the
 * size of the chat, joined with each member's settings and filtered by blocks.
 */
final class RecipientStore {

  /** A chat's type and title, and the display name of whoever acted in it. */
  record ChatInfo(String type, String title, String actorName) {

    boolean direct() {
      return "direct".equals(type);
    }
  }

  private static final String CHAT = """
      SELECT c.type, c.title, u.display_name
      FROM notify_chats c LEFT JOIN notify_users u ON u.id = $2
      WHERE c.id = $1""";

  /**
   * Members now, not the actor, not deleted, already members at change {@code $3}, optionally
   * only the users in {@code $4}, and not having blocked the actor.
   */
  private static final String MEMBERS = """
      SELECT m.user_id, s.mode, s.muted_until, coalesce(s.hide_previews, false) OR coalesce(us.hide_previews, false) AS hide,
             m.muted_until AS chat_muted_until, coalesce(us.reactions, true) AS reactions
      FROM notify_chat_members m
      JOIN notify_users nu ON nu.id = m.user_id AND NOT nu.deleted
      LEFT JOIN notify_chat_settings s ON s.chat_id = m.chat_id AND s.user_id = m.user_id
      LEFT JOIN notify_user_settings us ON us.user_id = m.user_id
      WHERE m.chat_id = $1 AND NOT m.left_chat AND m.user_id <> $2 AND m.joined_seq <= $3
        AND ($4::uuid[] IS NULL OR m.user_id = ANY($4::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM notify_blocks b WHERE b.blocker_id = m.user_id AND b.blocked_id = $2)""";

  private static final String USER = "SELECT NOT deleted AS active FROM notify_users WHERE id = $1";

  private final Pool pool;

  RecipientStore(Pool pool) {
    this.pool = pool;
  }

  /** The chat, or null when it does not exist. */
  Future<ChatInfo> chat(UUID chatId, UUID actorId) {
    return pool.preparedQuery(CHAT).execute(Tuple.of(chatId, actorId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      String name = row.getString("display_name");
      return new ChatInfo(row.getString("type"), row.getString("title"), name == null ? "Someone" : name);
    });
  }

  /** The recipients of change {@code seq}; {@code only} narrows them to some users (null: every member). */
  Future<List<Recipient>> members(UUID chatId, UUID actorId, long seq, List<UUID> only) {
    UUID[] filter = only == null ? null : only.toArray(UUID[]::new);
    return pool.preparedQuery(MEMBERS).execute(Tuple.of(chatId, actorId, seq, filter)).map(rows -> {
      List<Recipient> recipients = new ArrayList<>(rows.size());
      for (Row row : rows) {
        String mode = row.getString("mode");
        recipients.add(new Recipient(row.getUUID("user_id"), mode == null ? Mode.ALL : Mode.of(mode),
          DbTime.instant(row, "muted_until"), DbTime.instant(row, "chat_muted_until"),
          row.getBoolean("hide"), row.getBoolean("reactions")));
      }
      return recipients;
    });
  }

  /** Whether the account exists and is not deleted. */
  Future<Boolean> active(UUID userId) {
    return pool.preparedQuery(USER).execute(Tuple.of(userId))
      .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean("active"));
  }
}
