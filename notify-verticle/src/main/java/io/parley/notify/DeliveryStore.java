package io.parley.notify;

import io.parley.notify.DeliveryBatch.Row;
import io.parley.notify.PlanStore.Applied;
import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes consecutive deliveries of a batch in three statements whatever their number or size:
 * their event ids first (those already recorded were applied before, and their notices are left
 * out), then the notifications (arrays unnested in SQL, a chat's messages collapsing into the
 * pending row; a notification that does not collapse gets a key of its own), then the push schedule of the people who have a browser subscribed.
 */
final class DeliveryStore {

  private static final String MARK = """
      INSERT INTO notify_events (event_id, processed_at) SELECT unnest($1::uuid[]), $2
      ON CONFLICT DO NOTHING RETURNING event_id""";

  private static final String STORE = """
      INSERT INTO notifications AS n (id, user_id, type, chat_id, seq, actor_id, title, body, count, group_key,
                                      origin_session_id, created_at)
      SELECT i.id, i.user_id, i.type, i.chat_id, i.seq, i.actor_id, i.title, i.body, i.count,
             coalesce(i.group_key, 'n:' || i.id), i.origin_session_id, $12
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::bigint[], $6::uuid[], $7::text[], $8::text[],
                  $9::int[], $10::text[], $11::uuid[])
        AS i(id, user_id, type, chat_id, seq, actor_id, title, body, count, group_key, origin_session_id)
      ON CONFLICT (user_id, group_key) WHERE read_at IS NULL DO UPDATE SET
        count = n.count + excluded.count, seq = excluded.seq, actor_id = excluded.actor_id, title = excluded.title,
        body = excluded.body, created_at = excluded.created_at,
        type = CASE WHEN excluded.type = 'message' THEN n.type ELSE excluded.type END
      RETURNING n.id, n.user_id, n.group_key""";

  private static final String SCHEDULE = """
      INSERT INTO push_schedule AS p (user_id, push_key, notification_id, due_at)
      SELECT s.user_id, s.push_key, s.notification_id, $4
      FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS s(user_id, push_key, notification_id)
      WHERE EXISTS (SELECT 1 FROM push_subscriptions ps WHERE ps.user_id = s.user_id)
      ON CONFLICT (user_id, push_key) DO UPDATE SET
        notification_id = excluded.notification_id,
        generation = p.generation + 1,
        -- Already waiting: keep its time. Otherwise not before the window after the last push.
        due_at = CASE WHEN p.due_at IS NOT NULL AND p.leased_until IS NULL THEN p.due_at
                      ELSE greatest(excluded.due_at, coalesce(p.last_push_at + $5 * interval '1 millisecond', excluded.due_at))
                 END
      RETURNING 1""";

  private final Duration collapseWindow;

  DeliveryStore(Duration collapseWindow) {
    this.collapseWindow = collapseWindow;
  }

  Future<Applied> apply(SqlClient tx, List<Plan.Deliver> deliveries, Instant now, Supplier<UUID> ids) {
    OffsetDateTime at = DbTime.utc(now);
    UUID[] events = deliveries.stream().map(Plan.Deliver::eventId).toArray(UUID[]::new);
    return tx.preparedQuery(MARK).execute(Tuple.of(events, at)).compose(marked -> {
      Set<UUID> fresh = new HashSet<>();
      marked.forEach(row -> fresh.add(row.getUUID("event_id")));
      DeliveryBatch batch = new DeliveryBatch();
      deliveries.stream().filter(delivery -> fresh.contains(delivery.eventId())).forEach(delivery -> batch.add(delivery, ids));
      int replayed = deliveries.size() - fresh.size();
      if (batch.rows().isEmpty()) {
        return Future.succeededFuture(new Applied(Set.of(), false, replayed));
      }
      return store(tx, batch.rows(), at).compose(stored -> schedule(tx, batch.rows(), stored, at)
        .map(scheduled -> new Applied(people(batch.rows()), scheduled, replayed)));
    });
  }

  /** Writes the rows; answers the id each (user, group key) ended up under (the pending row's, when one existed). */
  private Future<Map<String, UUID>> store(SqlClient tx, List<Row> rows, OffsetDateTime at) {
    int n = rows.size();
    UUID[] id = new UUID[n];
    UUID[] user = new UUID[n];
    String[] type = new String[n];
    UUID[] chat = new UUID[n];
    Long[] seq = new Long[n];
    UUID[] actor = new UUID[n];
    String[] title = new String[n];
    String[] body = new String[n];
    Integer[] count = new Integer[n];
    String[] group = new String[n];
    UUID[] origin = new UUID[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      id[i] = row.id();
      user[i] = row.userId();
      type[i] = row.type();
      chat[i] = row.chatId();
      seq[i] = row.seq();
      actor[i] = row.actorId();
      title[i] = row.title();
      body[i] = row.body();
      count[i] = row.count();
      group[i] = row.groupKey();
      origin[i] = row.originSession();
    }
    Tuple params = Tuple.tuple().addArrayOfUUID(id).addArrayOfUUID(user).addArrayOfString(type).addArrayOfUUID(chat)
      .addArrayOfLong(seq).addArrayOfUUID(actor).addArrayOfString(title).addArrayOfString(body).addArrayOfInteger(count)
      .addArrayOfString(group).addArrayOfUUID(origin).addOffsetDateTime(at);
    return tx.preparedQuery(STORE).execute(params).map(written -> {
      Map<String, UUID> pending = new java.util.HashMap<>();
      written.forEach(row -> pending.put(row.getUUID("user_id") + "|" + row.getString("group_key"), row.getUUID("id")));
      return pending;
    });
  }

  /** One push per person and push key, pointing at the newest of its notifications; true if any was scheduled. */
  private Future<Boolean> schedule(SqlClient tx, List<Row> rows, Map<String, UUID> pending, OffsetDateTime at) {
    Map<String, Row> newest = new LinkedHashMap<>();
    Map<String, UUID> target = new LinkedHashMap<>();
    for (Row row : rows) {
      String key = row.userId() + "|" + row.pushKey();
      newest.put(key, row);
      target.put(key, row.groupKey() == null ? row.id() : pending.get(row.userId() + "|" + row.groupKey()));
    }
    UUID[] users = newest.values().stream().map(Row::userId).toArray(UUID[]::new);
    String[] keys = newest.values().stream().map(Row::pushKey).toArray(String[]::new);
    UUID[] notifications = target.values().toArray(UUID[]::new);
    return tx.preparedQuery(SCHEDULE).execute(Tuple.of(users, keys, notifications, at, collapseWindow.toMillis()))
      .map(scheduled -> scheduled.rowCount() > 0);
  }

  private static Set<UUID> people(List<Row> rows) {
    Set<UUID> people = new HashSet<>();
    rows.forEach(row -> people.add(row.userId()));
    return people;
  }
}
