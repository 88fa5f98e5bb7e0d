package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;
import static io.parley.shared.db.DbTime.utc;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.vertx.sqlclient.SqlResult;

/**
 * The per-user log of private changes. Taking the user's next number upserts their row in
 * {@code private_heads}, whose lock orders that user's private writers as the chat row orders a
 * chat's: gap-free numbers, committed in order. It is taken last in a transaction (after member
 * and message rows), keeping the writers' lock order.
 */
final class PrivateChangeStore {

  /** Numbers and stores a change in one statement. */
  private static final String RECORD = """
      WITH head AS (
        INSERT INTO private_heads AS h (user_id, last_seq) VALUES ($1, 1)
        ON CONFLICT (user_id) DO UPDATE SET last_seq = h.last_seq + 1
        RETURNING last_seq
      )
      INSERT INTO private_changes (user_id, seq, type, chat_id, message_seq, data, created_at)
      SELECT $1, last_seq, $2, $3, $4, $5, $6 FROM head
      RETURNING seq""";

  /** Records a change of {@code userId}'s private state; completes with it, numbered. */
  Future<PrivateChange> record(SqlClient tx, UUID userId, String type, UUID chatId, Long messageSeq, JsonObject data,
                               Instant at) {
    return tx.preparedQuery(RECORD)
      .execute(Tuple.of(userId, type, chatId, messageSeq, data == null ? new JsonObject() : data, utc(at)))
      .map(rows -> new PrivateChange(userId, rows.iterator().next().getLong("seq"), type, chatId, messageSeq, data, at));
  }

  /** The user's newest number (0 before their first private change): a new sync cursor starts there. */
  Future<Long> head(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT last_seq FROM private_heads WHERE user_id = $1")
      .execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("last_seq"));
  }

  /** At most {@code limit} of the user's changes after {@code afterSeq}, in order. */
  Future<List<PrivateChange>> after(SqlClient client, UUID userId, long afterSeq, int limit) {
    return client.preparedQuery("""
        SELECT seq, type, chat_id, message_seq, data, created_at FROM private_changes
        WHERE user_id = $1 AND seq > $2
        ORDER BY seq
        LIMIT $3""")
      .collecting(mapping(row -> new PrivateChange(userId, row.getLong("seq"), row.getString("type"),
        row.getUUID("chat_id"), row.getLong("message_seq"), row.getJsonObject("data").isEmpty() ? null
        : row.getJsonObject("data"), instant(row, "created_at")), toList()))
      .execute(Tuple.of(userId, afterSeq, limit))
      .map(SqlResult::value);
  }

  /**
   * Housekeeping: deletes up to {@code batch} settings changes recorded before {@code before} that a
   * newer settings change of the same member for the same chat supersedes. A settings item carries
   * the whole settings as they became, so a device syncing from any cursor still ends in the same
   * state; numbers of the log simply skip the folded ones.
   */
  static Future<Integer> compact(SqlClient tx, Instant before, int batch) {
    return tx.preparedQuery("""
        DELETE FROM private_changes p WHERE (p.user_id, p.seq) IN (
          SELECT old.user_id, old.seq FROM private_changes old
          WHERE old.type = 'chat.settings.changed' AND old.created_at < $1
            AND EXISTS (SELECT 1 FROM private_changes newer
                        WHERE newer.user_id = old.user_id AND newer.chat_id = old.chat_id
                          AND newer.type = 'chat.settings.changed' AND newer.seq > old.seq)
          LIMIT $2)""")
      .execute(Tuple.of(utc(before), batch))
      .map(SqlResult::rowCount);
  }
}
