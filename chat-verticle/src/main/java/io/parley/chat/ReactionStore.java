package io.parley.chat;

import static io.parley.shared.db.DbTime.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reactions: any number of members, each with a few different emoji, on one message. */
final class ReactionStore {

  /** Removes the reaction if present; completes with whether it was. */
  Future<Boolean> remove(SqlClient tx, UUID chatId, long seq, UUID userId, String emoji) {
    return tx.preparedQuery("""
        DELETE FROM message_reactions WHERE chat_id = $1 AND seq = $2 AND user_id = $3 AND emoji = $4""")
      .execute(Tuple.of(chatId, seq, userId, emoji))
      .map(rows -> rows.rowCount() > 0);
  }

  Future<Void> add(SqlClient tx, UUID chatId, long seq, UUID userId, String emoji, Instant at) {
    return tx.preparedQuery("""
        INSERT INTO message_reactions (chat_id, seq, user_id, emoji, created_at) VALUES ($1, $2, $3, $4, $5)""")
      .execute(Tuple.of(chatId, seq, userId, emoji, utc(at))).mapEmpty();
  }

  /** How many different emoji the user has on the message. */
  Future<Integer> countOf(SqlClient tx, UUID chatId, long seq, UUID userId) {
    return tx.preparedQuery("SELECT count(*) AS n FROM message_reactions WHERE chat_id = $1 AND seq = $2 AND user_id = $3")
      .execute(Tuple.of(chatId, seq, userId))
      .map(rows -> rows.iterator().next().getInteger("n"));
  }

  /** How many members reacted with one emoji. */
  Future<Long> countOf(SqlClient tx, UUID chatId, long seq, String emoji) {
    return tx.preparedQuery("SELECT count(*) AS n FROM message_reactions WHERE chat_id = $1 AND seq = $2 AND emoji = $3")
      .execute(Tuple.of(chatId, seq, emoji))
      .map(rows -> rows.iterator().next().getLong("n"));
  }

  /** Who reacted with what, first reaction first: {@code [{emoji, count, userIds}]}. */
  Future<JsonArray> who(SqlClient client, UUID chatId, long seq) {
    return client.preparedQuery("""
        SELECT emoji, user_id FROM message_reactions WHERE chat_id = $1 AND seq = $2 ORDER BY created_at, user_id""")
      .execute(Tuple.of(chatId, seq))
      .map(rows -> {
        Map<String, JsonArray> byEmoji = new LinkedHashMap<>();
        for (Row row : rows) {
          byEmoji.computeIfAbsent(row.getString("emoji"), emoji -> new JsonArray()).add(row.getUUID("user_id").toString());
        }
        JsonArray reactions = new JsonArray();
        byEmoji.forEach((emoji, users) -> reactions.add(new JsonObject().put("emoji", emoji).put("count", users.size())
          .put("userIds", users)));
        return reactions;
      });
  }
}
