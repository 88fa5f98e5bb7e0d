package io.parley.gateway.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * What a viewer may see of other people's presence: only of people they share a chat with
 * (anyone else is left out, as an unknown id is), nothing of someone who blocked them, and no
 * last-seen time of someone who keeps it private. Read in one query.
 */
public final class PresenceVisibility {

  private static final String VISIBILITY = """
      SELECT u.id::text AS id,
             u.last_seen_visibility = 'everyone' AS last_seen_public,
             EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $2) AS blocks_viewer
      FROM users u
      WHERE u.id = ANY($1) AND u.deleted_at IS NULL
        AND (u.id = $2 OR EXISTS (
          SELECT 1 FROM chat_members theirs
          JOIN chat_members mine ON mine.chat_id = theirs.chat_id AND mine.user_id = $2 AND mine.left_at IS NULL
          WHERE theirs.user_id = u.id AND theirs.left_at IS NULL))""";

  private final Pool pool;

  public PresenceVisibility(Pool pool) {
    this.pool = pool;
  }

  /** Both directions of a user's blocks. */
  public record Blocks(List<String> blockedByUser, List<String> blockersOfUser) {
  }

  /** The people {@code userId} blocked, and those who blocked {@code userId}, in one query. */
  public Future<Blocks> blocksOf(String userId) {
    return pool.preparedQuery("""
        SELECT blocker_id::text AS blocker, blocked_id::text AS blocked FROM user_blocks
        WHERE blocker_id = $1 OR blocked_id = $1""")
      .execute(Tuple.of(UUID.fromString(userId)))
      .map(rows -> {
        List<String> blocked = new java.util.ArrayList<>();
        List<String> blockers = new java.util.ArrayList<>();
        rows.forEach(row -> {
          if (userId.equalsIgnoreCase(row.getString("blocker"))) {
            blocked.add(row.getString("blocked"));
          } else {
            blockers.add(row.getString("blocker"));
          }
        });
        return new Blocks(blocked, blockers);
      });
  }

  /** Filters raw presence ({@code {userId:{status,lastSeen?}}}) for {@code viewerId}; unknown users are left out. */
  public Future<JsonObject> filter(String viewerId, List<String> userIds, JsonObject presence) {
    UUID[] ids = userIds.stream().map(UUID::fromString).toArray(UUID[]::new);
    return pool.preparedQuery(VISIBILITY).execute(Tuple.of(ids, UUID.fromString(viewerId))).map(rows -> {
      JsonObject visible = new JsonObject();
      for (Row row : rows) {
        String id = row.getString("id");
        JsonObject state = presence.getJsonObject(id, new JsonObject().put("status", Presence.OFFLINE)).copy();
        if (row.getBoolean("blocks_viewer")) {
          state = new JsonObject().put("status", Presence.OFFLINE);
        } else if (!row.getBoolean("last_seen_public")) {
          state.remove("lastSeen");
        }
        visible.put(id, state);
      }
      return visible;
    });
  }
}
