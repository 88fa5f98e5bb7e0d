package io.parley.chat;

import static io.parley.shared.db.DbTime.utc;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.vertx.sqlclient.SqlResult;

/**
 * Full-text search over the messages of a member's chats (the GIN index on messages.search,
 * 'simple' configuration: no language-specific stemming, so every language is searchable), a
 * chat's media gallery (the partial index on media kinds), and public chats by title (the partial
 * trigram index on public titles).
 */
final class SearchStore {

  /** Where a page of results ended: results are ordered by (createdAt, chatId, seq), newest first. */
  record Position(Instant createdAt, UUID chatId, long seq) {

    String cursor() {
      return PageCursor.encode(createdAt, chatId, seq);
    }

    static Position fromCursor(String cursor) {
      return PageCursor.decode(cursor, parts -> new Position(Fields.cursorInstant(parts[0]), UUID.fromString(parts[1]),
        Long.parseLong(parts[2])));
    }
  }

  private static final String SEARCH = "SELECT " + Message.COLUMNS + """

      FROM messages m
      JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = $1 AND cm.left_at IS NULL
      WHERE m.search @@ websearch_to_tsquery('simple', $2)
        AND ($3::uuid IS NULL OR m.chat_id = $3::uuid)
        AND m.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = m.chat_id AND h.user_id = $1 AND h.seq = m.seq)
        AND ($4::timestamptz IS NULL OR (m.created_at, m.chat_id, m.seq) < ($4::timestamptz, $5::uuid, $6::bigint))
      ORDER BY m.created_at DESC, m.chat_id DESC, m.seq DESC
      LIMIT $7""";

  private static final String MEDIA = "SELECT " + Message.COLUMNS + """

      FROM messages m
      WHERE m.chat_id = $1 AND m.kind = ANY($2) AND m.seq < $3 AND m.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = m.chat_id AND h.user_id = $4 AND h.seq = m.seq)
      ORDER BY m.seq DESC
      LIMIT $5""";

  /**
   * Public groups and channels whose title contains {@code query} (case-insensitively; the
   * trigram index on public titles answers it), most members first, after {@code after}.
   */
  private static final String PUBLIC_CHATS = """
      SELECT c.id, c.type, c.title, c.description, c.avatar_media_id, c.member_count,
             EXISTS (SELECT 1 FROM chat_members cm
                      WHERE cm.chat_id = c.id AND cm.user_id = $1 AND cm.left_at IS NULL) AS joined
      FROM chats c
      WHERE c.is_public AND c.title ILIKE $2
        AND ($3::int IS NULL OR (c.member_count, c.id) < ($3::int, $4::uuid))
      ORDER BY c.member_count DESC, c.id DESC
      LIMIT $5""";

  /** Where a page of public chats ended: ordered by (memberCount, id), descending. */
  record PublicPosition(int memberCount, UUID chatId) {

    String cursor() {
      return PageCursor.encode(memberCount, chatId);
    }

    static PublicPosition fromCursor(String cursor) {
      return PageCursor.decode(cursor, parts -> new PublicPosition(Integer.parseInt(parts[0]), UUID.fromString(parts[1])));
    }
  }

  Future<List<JsonObject>> publicChats(SqlClient client, UUID viewer, String query, PublicPosition after, int limit) {
    Tuple params = Tuple.of(viewer, "%" + likeEscaped(query) + "%")
      .addValue(after == null ? null : after.memberCount())
      .addValue(after == null ? null : after.chatId())
      .addValue(limit);
    return client.preparedQuery(PUBLIC_CHATS).collecting(mapping(SearchStore::publicChat, toList())).execute(params)
      .map(SqlResult::value);
  }

  private static JsonObject publicChat(Row row) {
    UUID avatar = row.getUUID("avatar_media_id");
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("type", row.getString("type"))
      .put("title", row.getString("title"))
      .put("description", row.getString("description"))
      .put("avatarMediaId", avatar == null ? null : avatar.toString())
      .put("memberCount", row.getInteger("member_count"))
      .put("joined", row.getBoolean("joined"));
  }

  /** The text matched literally by LIKE: its wildcards and the escape character escaped. */
  static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  Future<List<Message>> search(SqlClient client, UUID userId, String query, UUID chatId, Position after, int limit) {
    Tuple params = Tuple.of(userId, query).addValue(chatId)
      .addValue(after == null ? null : utc(after.createdAt()))
      .addValue(after == null ? null : after.chatId())
      .addValue(after == null ? null : after.seq())
      .addValue(limit);
    return client.preparedQuery(SEARCH).collecting(mapping(Message::from, toList())).execute(params)
      .map(SqlResult::value);
  }

  Future<List<Message>> media(SqlClient client, UUID chatId, UUID viewer, List<String> kinds, long before, int limit) {
    return client.preparedQuery(MEDIA).collecting(mapping(Message::from, toList()))
      .execute(Tuple.of(chatId).addValue(kinds.toArray(String[]::new)).addValue(before).addValue(viewer).addValue(limit))
      .map(SqlResult::value);
  }
}
