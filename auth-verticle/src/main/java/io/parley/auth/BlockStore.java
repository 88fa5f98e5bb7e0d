package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL on {@code user_blocks}. Other services read the table to refuse blocked people. */
final class BlockStore {

  /** More than anyone blocks; the list is answered in one piece. */
  private static final int LIST_MAX = 1000;

  private final Pool pool;

  BlockStore(Pool pool) {
    this.pool = pool;
  }

  /** Blocks a live account; idempotent. Completes with false when there is no such live account. */
  Future<Boolean> block(UUID blocker, UUID blocked, Instant now) {
    return pool.preparedQuery("""
        WITH target AS (SELECT id FROM users WHERE id = $2 AND deleted_at IS NULL),
             added AS (
               INSERT INTO user_blocks (blocker_id, blocked_id, created_at)
               SELECT $1, id, $3 FROM target
               ON CONFLICT DO NOTHING)
        SELECT count(*) AS found FROM target""")
      .execute(Tuple.of(blocker, blocked, at(now)))
      .map(rows -> rows.iterator().next().getLong("found") > 0);
  }

  Future<Void> unblock(UUID blocker, UUID blocked) {
    return pool.preparedQuery("DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2")
      .execute(Tuple.of(blocker, blocked))
      .mapEmpty();
  }

  /** The people {@code blocker} blocked, most recent first, each with when. */
  Future<List<JsonObject>> list(UUID blocker) {
    return pool.preparedQuery("""
        SELECT u.id, u.username::text AS username, u.display_name, u.avatar_media_id, u.status_text, b.created_at
        FROM user_blocks b JOIN users u ON u.id = b.blocked_id
        WHERE b.blocker_id = $1
        ORDER BY b.created_at DESC
        LIMIT $2""")
      .execute(Tuple.of(blocker, LIST_MAX))
      .map(rows -> {
        List<JsonObject> blocks = new ArrayList<>(rows.size());
        for (Row row : rows) {
          UserSummary user = new UserSummary(row.getUUID("id"), row.getString("username"),
            row.getString("display_name"), row.getUUID("avatar_media_id"), row.getString("status_text"));
          blocks.add(new JsonObject()
            .put("user", user.toJson())
            .put("blockedAt", row.getOffsetDateTime("created_at").toInstant().toString()));
        }
        return blocks;
      });
  }

  /** Removes every block by or of the user (on account deletion). */
  Future<Void> deleteAllOf(SqlClient client, UUID userId) {
    return client.preparedQuery("DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1")
      .execute(Tuple.of(userId))
      .mapEmpty();
  }
}
