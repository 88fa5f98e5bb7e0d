package io.parley.gateway.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * What a viewer may see of other people's presence: nothing of someone who blocked them, and no
 * last-seen time of someone who keeps it private. Read from the accounts tables in one query.
 */
public final class PresenceVisibility {

  private static final String VISIBILITY = """
      SELECT u.id::text AS id,
             u.last_seen_visibility = 'everyone' AS last_seen_public,
             EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = $2) AS blocks_viewer
      FROM users u
      WHERE u.id = ANY($1) AND u.deleted_at IS NULL""";

  private final Pool pool;

  public PresenceVisibility(Pool pool) {
    this.pool = pool;
  }

  /** The people {@code userId} blocked: live presence events of {@code userId} are hidden from them. */
  public Future<List<String>> blockedBy(String userId) {
    return pool.preparedQuery("SELECT blocked_id::text AS blocked FROM user_blocks WHERE blocker_id = $1")
      .execute(Tuple.of(UUID.fromString(userId)))
      .map(rows -> {
        List<String> blocked = new java.util.ArrayList<>();
        rows.forEach(row -> blocked.add(row.getString("blocked")));
        return blocked;
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
