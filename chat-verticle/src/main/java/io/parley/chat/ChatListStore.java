package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;
import static io.parley.shared.db.DbTime.utc;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member's view of chats: the chat list (pinned first, most recently pinned on top, then by
 * last activity) and one chat, each with the unread count, the newest message's preview and the
 * member's private settings.
 */
final class ChatListStore {

  /**
   * Unread: messages by others after my read watermark, neither deleted nor hidden for me, system
   * messages aside. Counted by the server, so every device of mine shows the same number.
   */
  private static final String SUMMARY = """
      SELECT c.id, c.type, c.title, c.description, c.avatar_media_id, c.is_public, c.created_at,
             c.last_seq, c.last_activity_at, c.member_count,
             m.role, m.read_up_to, m.delivered_up_to, m.pinned_at, m.muted_until, m.archived,
             coalesce(m.muted_until > now(), false) AS muted,
             peer.user_id AS peer_id, peer.username AS peer_username, peer.display_name AS peer_name,
             peer.avatar_media_id AS peer_avatar,
             last.seq AS last_message_seq, last.sender_id AS last_sender_id, last.kind AS last_kind,
             left(coalesce(last.text, last.media ->> 'caption'), 200) AS last_text, last.system AS last_system,
             last.created_at AS last_created_at, last.deleted_at IS NOT NULL AS last_deleted,
             (SELECT count(*) FROM messages u
               WHERE u.chat_id = c.id AND u.seq > m.read_up_to AND u.sender_id <> m.user_id
                 AND u.kind <> 'system' AND u.deleted_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM message_hides h
                                  WHERE h.chat_id = u.chat_id AND h.user_id = m.user_id AND h.seq = u.seq)) AS unread
      FROM chat_members m
      JOIN chats c ON c.id = m.chat_id
      LEFT JOIN LATERAL (
        SELECT pm.user_id, u.username, u.display_name, u.avatar_media_id
        FROM chat_members pm JOIN users u ON u.id = pm.user_id
        WHERE c.type = 'direct' AND pm.chat_id = c.id AND pm.user_id <> m.user_id
      ) peer ON true
      LEFT JOIN LATERAL (
        SELECT lm.seq, lm.sender_id, lm.kind, lm.text, lm.media, lm.system, lm.created_at, lm.deleted_at
        FROM messages lm
        WHERE lm.chat_id = c.id
          AND NOT EXISTS (SELECT 1 FROM message_hides h
                           WHERE h.chat_id = lm.chat_id AND h.user_id = m.user_id AND h.seq = lm.seq)
        ORDER BY lm.seq DESC
        LIMIT 1
      ) last ON true
      """;

  private static final String ONE = SUMMARY + "WHERE m.chat_id = $1 AND m.user_id = $2 AND m.left_at IS NULL";

  /** Keyset paging over (pinned first, sort time descending, id descending). */
  private static final String LIST = SUMMARY + """
      WHERE m.user_id = $1 AND m.left_at IS NULL
        AND ($2::boolean IS NULL OR m.archived = $2::boolean)
        AND ($3::boolean IS NULL
             OR (m.pinned_at IS NULL) > $3::boolean
             OR ((m.pinned_at IS NULL) = $3::boolean
                 AND (coalesce(m.pinned_at, c.last_activity_at), c.id) < ($4::timestamptz, $5::uuid)))
      ORDER BY (m.pinned_at IS NULL), coalesce(m.pinned_at, c.last_activity_at) DESC, c.id DESC
      LIMIT $6""";

  /** Where the previous page ended. */
  record Position(boolean unpinned, Instant sortTime, UUID chatId) {

    String cursor() {
      return PageCursor.encode(unpinned ? "u" : "p", sortTime, chatId);
    }

    static Position fromCursor(String cursor) {
      return PageCursor.decode(cursor, parts -> {
        if (parts.length != 3 || !parts[0].equals("u") && !parts[0].equals("p")) {
          throw new IllegalArgumentException("not a chat list position");
        }
        return new Position(parts[0].equals("u"), Fields.cursorInstant(parts[1]), UUID.fromString(parts[2]));
      });
    }
  }

  /** One chat as the member sees it; 404 for a non-member. */
  Future<JsonObject> one(SqlClient client, UUID chatId, UUID userId) {
    return client.preparedQuery(ONE).execute(Tuple.of(chatId, userId))
      .map(rows -> ChatStore.found(rows.size() == 0 ? null : summary(rows.iterator().next())));
  }

  /** A page of my chats after {@code after} (null: the first page); one more than asked, to tell if more follow. */
  Future<List<JsonObject>> list(SqlClient client, UUID userId, Boolean archived, Position after, int limit) {
    Tuple params = Tuple.of(userId, archived)
      .addValue(after == null ? null : after.unpinned())
      .addValue(after == null ? null : utc(after.sortTime()))
      .addValue(after == null ? null : after.chatId())
      .addValue(limit);
    return client.preparedQuery(LIST).collecting(mapping(ChatListStore::summary, toList())).execute(params)
      .map(SqlResult::value);
  }

  /** The sort position of a summary, for the next page's cursor. */
  static Position positionOf(JsonObject summary) {
    boolean pinned = summary.getBoolean("pinned");
    Instant time = Instant.parse(pinned ? summary.getString("pinnedAt") : summary.getString("lastActivityAt"));
    return new Position(!pinned, time, UUID.fromString(summary.getString("id")));
  }

  private static JsonObject summary(Row row) {
    boolean direct = ChatType.DIRECT.wire().equals(row.getString("type"));
    JsonObject chat = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("type", row.getString("type"))
      .put("title", direct && row.getString("peer_name") != null ? row.getString("peer_name") : row.getString("title"))
      .put("description", row.getString("description"))
      .put("avatarMediaId", string(direct ? row.getUUID("peer_avatar") : row.getUUID("avatar_media_id")))
      .put("public", row.getBoolean("is_public"))
      .put("createdAt", instant(row, "created_at").toString())
      .put("memberCount", row.getInteger("member_count"))
      .put("lastSeq", row.getLong("last_seq"))
      .put("lastActivityAt", instant(row, "last_activity_at").toString())
      .put("unreadCount", row.getLong("unread"))
      .put("role", row.getString("role"))
      .put("readUpTo", row.getLong("read_up_to"))
      .put("deliveredUpTo", row.getLong("delivered_up_to"))
      .put("pinned", row.getOffsetDateTime("pinned_at") != null)
      .put("muted", row.getBoolean("muted"))
      .put("archived", row.getBoolean("archived"));
    if (row.getOffsetDateTime("pinned_at") != null) {
      chat.put("pinnedAt", instant(row, "pinned_at").toString());
    }
    if (row.getOffsetDateTime("muted_until") != null) {
      chat.put("mutedUntil", instant(row, "muted_until").toString());
    }
    if (direct && row.getUUID("peer_id") != null) {
      chat.put("peer", new JsonObject()
        .put("userId", row.getUUID("peer_id").toString())
        .put("username", row.getString("peer_username"))
        .put("displayName", row.getString("peer_name"))
        .put("avatarMediaId", string(row.getUUID("peer_avatar"))));
    }
    if (row.getLong("last_message_seq") != null) {
      boolean deleted = row.getBoolean("last_deleted");
      JsonObject last = new JsonObject()
        .put("seq", row.getLong("last_message_seq"))
        .put("senderId", row.getUUID("last_sender_id").toString())
        .put("kind", row.getString("last_kind"))
        .put("createdAt", instant(row, "last_created_at").toString())
        .put("deleted", deleted);
      if (!deleted && row.getString("last_text") != null) {
        last.put("text", row.getString("last_text"));
      }
      if (row.getJsonObject("last_system") != null) {
        last.put("system", row.getJsonObject("last_system"));
      }
      chat.put("lastMessage", last);
    }
    return chat;
  }

  private static String string(UUID id) {
    return id == null ? null : id.toString();
  }
}
