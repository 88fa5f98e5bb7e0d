package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;
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
 * Sequence numbers and the change log. {@link #nextSeq} is the heart of ordering: the UPDATE of
 * the chat row takes the row lock that makes every other writer of the chat wait until this
 * transaction ends, so numbers are handed out one at a time, gap-free (a rolled-back transaction
 * gives its number back) and commit in order.
 */
final class ChangeStore {

  private static final String NEXT_SEQ = """
      UPDATE chats SET last_seq = last_seq + 1, last_activity_at = coalesce($2, last_activity_at)
      WHERE id = $1
      RETURNING last_seq""";

  private static final String RECORD = """
      INSERT INTO chat_changes (chat_id, seq, type, message_seq, actor_id, data, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private static final String RANGES = """
      SELECT c.chat_id AS change_chat_id, c.seq AS change_seq, c.type AS change_type, c.message_seq,
             c.actor_id, c.data, c.created_at AS change_time,
             EXISTS (SELECT 1 FROM message_hides h
                      WHERE h.chat_id = c.chat_id AND h.user_id = $4 AND h.seq = c.message_seq) AS hidden,
             %s,
             %s
      FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS r (chat_id, after_seq, up_to)
      JOIN chat_changes c ON c.chat_id = r.chat_id AND c.seq > r.after_seq AND c.seq <= r.up_to
      LEFT JOIN messages m ON m.chat_id = c.chat_id AND m.seq = c.message_seq
      ORDER BY c.chat_id, c.seq""".formatted(Message.COLUMNS, Message.reactionsColumn("$4"));

  /** The changes of one chat in (afterSeq, upToSeq]. */
  record Range(UUID chatId, long afterSeq, long upToSeq) {
  }

  /**
   * Takes the chat's next sequence number. With {@code activityAt} (a message is being stored)
   * the chat also moves up in everyone's chat list.
   */
  Future<Long> nextSeq(SqlClient tx, UUID chatId, Instant activityAt) {
    return tx.preparedQuery(NEXT_SEQ).execute(Tuple.of(chatId, utc(activityAt)))
      .map(rows -> rows.iterator().next().getLong("last_seq"));
  }

  Future<Void> record(SqlClient tx, Change change) {
    return tx.preparedQuery(RECORD).execute(Tuple.of(change.chatId(), change.seq(), change.type(),
        change.messageSeq(), change.actorId(), change.data() == null ? new JsonObject() : change.data(), utc(change.time())))
      .mapEmpty();
  }

  /** Every change in the given ranges, by chat then sequence, with messages as they are now. */
  Future<List<Change>> read(SqlClient client, UUID viewer, List<Range> ranges) {
    if (ranges.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] chats = ranges.stream().map(Range::chatId).toArray(UUID[]::new);
    Long[] after = ranges.stream().map(Range::afterSeq).toArray(Long[]::new);
    Long[] upTo = ranges.stream().map(Range::upToSeq).toArray(Long[]::new);
    return client.preparedQuery(RANGES).collecting(mapping(ChangeStore::change, toList()))
      .execute(Tuple.of(chats, after, upTo, viewer)).map(SqlResult::value);
  }

  private static Change change(Row row) {
    JsonObject message = null;
    if (row.getBoolean("hidden")) {
      message = new JsonObject().put("seq", row.getLong("message_seq")).put("hidden", true);
    } else if (row.getUUID("id") != null) {
      message = Message.from(row).toJson();
    }
    return new Change(row.getUUID("change_chat_id"), row.getLong("change_seq"), row.getString("change_type"),
      row.getUUID("actor_id"), instant(row, "change_time"), row.getLong("message_seq"),
      row.getJsonObject("data"), message);
  }
}
