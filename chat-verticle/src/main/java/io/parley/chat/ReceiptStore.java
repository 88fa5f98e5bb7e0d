package io.parley.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The receipt watermarks on member rows. They only move forward: an update that would move one
 * back (an old device reporting late) changes nothing. Read implies delivered.
 */
final class ReceiptStore {

  /** New watermarks after a move; null when nothing moved. */
  record Watermarks(long deliveredUpTo, long readUpTo, ChatType type) {
  }

  private static final String READ = """
      UPDATE chat_members m SET read_up_to = $3, delivered_up_to = greatest(m.delivered_up_to, $3)
      FROM chats c
      WHERE m.chat_id = $1 AND m.user_id = $2 AND m.left_at IS NULL
        AND c.id = m.chat_id AND $3 <= c.last_seq AND m.read_up_to < $3
      RETURNING m.delivered_up_to, m.read_up_to, c.type""";

  private static final String DELIVERED = """
      UPDATE chat_members m SET delivered_up_to = $3
      FROM chats c
      WHERE m.chat_id = $1 AND m.user_id = $2 AND m.left_at IS NULL
        AND c.id = m.chat_id AND $3 <= c.last_seq AND m.delivered_up_to < $3
      RETURNING m.delivered_up_to, m.read_up_to, c.type""";

  Future<Watermarks> moveRead(SqlClient tx, UUID chatId, UUID userId, long seq) {
    return move(tx, READ, chatId, userId, seq);
  }

  Future<Watermarks> moveDelivered(SqlClient tx, UUID chatId, UUID userId, long seq) {
    return move(tx, DELIVERED, chatId, userId, seq);
  }

  private static Future<Watermarks> move(SqlClient tx, String sql, UUID chatId, UUID userId, long seq) {
    return tx.preparedQuery(sql).execute(Tuple.of(chatId, userId, seq)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Watermarks(row.getLong("delivered_up_to"), row.getLong("read_up_to"), ChatType.of(row.getString("type")));
    });
  }

  /** Messages by others after my read mark, neither deleted nor hidden for me, system messages aside. */
  Future<Long> unread(SqlClient client, UUID chatId, UUID userId) {
    return client.preparedQuery("""
        SELECT count(*) AS unread
        FROM chat_members m
        JOIN messages u ON u.chat_id = m.chat_id AND u.seq > m.read_up_to
        WHERE m.chat_id = $1 AND m.user_id = $2
          AND u.sender_id <> m.user_id AND u.kind <> 'system' AND u.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = u.chat_id AND h.user_id = m.user_id AND h.seq = u.seq)""")
      .execute(Tuple.of(chatId, userId))
      .map(rows -> rows.iterator().next().getLong("unread"));
  }

  /** Who else (active members but the sender) has received and read up to {@code seq}. */
  Future<JsonObject> lists(SqlClient client, UUID chatId, UUID sender, long seq) {
    return client.preparedQuery("""
        SELECT user_id, read_up_to >= $3 AS has_read
        FROM chat_members
        WHERE chat_id = $1 AND left_at IS NULL AND user_id <> $2 AND delivered_up_to >= $3
        ORDER BY user_id""")
      .execute(Tuple.of(chatId, sender, seq))
      .map(rows -> {
        JsonArray readBy = new JsonArray();
        JsonArray deliveredTo = new JsonArray();
        for (Row row : rows) {
          deliveredTo.add(row.getUUID("user_id").toString());
          if (row.getBoolean("has_read")) {
            readBy.add(row.getUUID("user_id").toString());
          }
        }
        return new JsonObject().put("readBy", readBy).put("deliveredTo", deliveredTo);
      });
  }

  /** How many other active members have received and read up to {@code seq} (channels: counts, not lists). */
  Future<JsonObject> counts(SqlClient client, UUID chatId, UUID sender, long seq) {
    return client.preparedQuery("""
        SELECT count(*) FILTER (WHERE read_up_to >= $3) AS read_count,
               count(*) FILTER (WHERE delivered_up_to >= $3) AS delivered_count,
               count(*) AS recipients
        FROM chat_members
        WHERE chat_id = $1 AND left_at IS NULL AND user_id <> $2""")
      .execute(Tuple.of(chatId, sender, seq))
      .map(rows -> {
        Row row = rows.iterator().next();
        return new JsonObject().put("readCount", row.getLong("read_count"))
          .put("deliveredCount", row.getLong("delivered_count")).put("recipients", row.getLong("recipients"));
      });
  }
}
