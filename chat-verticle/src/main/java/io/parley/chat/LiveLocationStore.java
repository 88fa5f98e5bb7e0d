package io.parley.chat;

import static io.parley.shared.db.DbTime.utc;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * The SQL of live locations. A live location is a {@code live_location} message whose
 * {@code location} holds {@code liveUntil}, the last position and its {@code updatedAt}, and
 * {@code stoppedAt} once the sender stopped it.
 */
final class LiveLocationStore {

  /**
   * A position update in one statement: it changes the message only if the caller is an active
   * member, sent it, and it is still live (not deleted, not stopped, before its time). It waits for
   * a concurrent stop's row lock and then sees the stop, so no position lands after it.
   */
  private static final String MOVE = """
      UPDATE messages m
      SET location = m.location || jsonb_build_object('latitude', $3::float8, 'longitude', $4::float8, 'updatedAt', $5::text)
      WHERE m.chat_id = $1 AND m.seq = $2 AND m.sender_id = $6
        AND m.kind = 'live_location' AND m.deleted_at IS NULL
        AND m.location ->> 'stoppedAt' IS NULL
        AND (m.location ->> 'liveUntil')::timestamptz > $7
        AND EXISTS (SELECT 1 FROM chat_members cm WHERE cm.chat_id = $1 AND cm.user_id = $6 AND cm.left_at IS NULL)
      RETURNING m.location""";

  /** Completes with the message's location after the update, or null when nothing was changed. */
  Future<JsonObject> move(SqlClient client, UUID chatId, long seq, UUID senderId, double latitude, double longitude,
                          Instant at) {
    return client.preparedQuery(MOVE)
      .execute(Tuple.of(chatId, seq, latitude, longitude, at.toString(), senderId, utc(at)))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getJsonObject("location"));
  }

  /** Ends the sharing (the message row is locked by the caller's change). */
  Future<Void> stop(SqlClient tx, UUID chatId, long seq, Instant at) {
    return tx.preparedQuery("""
        UPDATE messages SET location = location || jsonb_build_object('stoppedAt', $3::text)
        WHERE chat_id = $1 AND seq = $2""")
      .execute(Tuple.of(chatId, seq, at.toString()))
      .mapEmpty();
  }
}
