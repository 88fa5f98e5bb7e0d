package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Stored notifications as their owner sees them: pages, the unread count, reading and deleting. */
final class NotificationStore {

  private static final String COLUMNS = "id, type, chat_id, seq, title, body, count, created_at, read_at";
  private static final String PAGE = "SELECT " + COLUMNS + " FROM notifications WHERE user_id = $1"
    + " ORDER BY created_at DESC, id DESC LIMIT $2";
  private static final String PAGE_BEFORE = "SELECT " + COLUMNS + """
       FROM notifications n WHERE user_id = $1
        AND (created_at, id) < (SELECT created_at, id FROM notifications WHERE id = $3 AND user_id = $1)
      ORDER BY created_at DESC, id DESC LIMIT $2""";
  private static final String UNREAD = "SELECT count(*) AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL";
  /** Reading also takes back a push still waiting for any of them. */
  private static final String READ = """
      WITH read AS (
        UPDATE notifications SET read_at = $3
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
        RETURNING id
      )
      UPDATE push_schedule SET due_at = NULL
      WHERE user_id = $1 AND leased_until IS NULL AND notification_id IN (SELECT id FROM read)""";
  private static final String DELETE = "DELETE FROM notifications WHERE id = $1 AND user_id = $2";

  private final Pool pool;

  NotificationStore(Pool pool) {
    this.pool = pool;
  }

  /** A page of items in the API's shape, newest first. */
  Future<JsonArray> page(UUID userId, UUID before, int limit) {
    Future<io.vertx.sqlclient.RowSet<Row>> rows = before == null
      ? pool.preparedQuery(PAGE).execute(Tuple.of(userId, limit))
      : pool.preparedQuery(PAGE_BEFORE).execute(Tuple.of(userId, limit, before));
    return rows.map(page -> {
      JsonArray items = new JsonArray();
      page.forEach(row -> items.add(item(row)));
      return items;
    });
  }

  Future<Long> unread(UUID userId) {
    return pool.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong("unread"));
  }

  /** Marks some (or, with null, all) of my unread notifications read. */
  Future<Void> markRead(UUID userId, List<UUID> ids, Instant now) {
    UUID[] only = ids == null ? null : ids.toArray(UUID[]::new);
    return pool.preparedQuery(READ).execute(Tuple.of(userId, only, DbTime.utc(now))).mapEmpty();
  }

  /** Whether one of mine was deleted. */
  Future<Boolean> delete(UUID userId, UUID notificationId) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(notificationId, userId)).map(rows -> rows.rowCount() > 0);
  }

  /** {@code {id, type, chatId?, seq?, title, body, count, createdAt, read}} */
  static JsonObject item(Row row) {
    Kind kind = Kind.of(row.getString("type"));
    int count = row.getInteger("count");
    JsonObject item = new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("type", row.getString("type"))
      .put("title", row.getString("title"))
      .put("body", Texts.shown(kind, count, row.getString("body")))
      .put("count", count)
      .put("createdAt", DbTime.instant(row, "created_at").toString())
      .put("read", row.getValue("read_at") != null);
    UUID chatId = row.getUUID("chat_id");
    if (chatId != null) {
      item.put("chatId", chatId.toString());
    }
    Long seq = row.getLong("seq");
    if (seq != null) {
      item.put("seq", seq);
    }
    return item;
  }
}
