package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies plans inside the consumer's transaction. A delivery is one statement whatever the
 * number of recipients (arrays unnested in SQL): the event id is recorded first, and the
 * notifications and their push schedule are written only if it was new, so a replayed event
 * writes nothing.
 */
final class PlanStore {

  /** What applying a plan touched: whose notifications changed, and whether pushes await. */
  record Applied(Set<UUID> users, boolean pushes, boolean replayed) {
    static final Applied NONE = new Applied(Set.of(), false, false);
    static final Applied REPLAYED = new Applied(Set.of(), false, true);
  }

  private static final String DELIVER = """
      WITH marker AS (
        INSERT INTO notify_events (event_id, processed_at) VALUES ($1, $2)
        ON CONFLICT DO NOTHING RETURNING event_id
      ), input AS (
        SELECT i.* FROM unnest($8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
          AS i(id, user_id, type, title, body, group_key, push_key)
        WHERE EXISTS (SELECT 1 FROM marker)
      ), stored AS (
        INSERT INTO notifications AS n (id, user_id, type, chat_id, seq, actor_id, title, body, group_key,
                                        origin_session_id, created_at)
        SELECT id, user_id, type, $3, $4, $5, title, body, group_key, $6, $2 FROM input
        ON CONFLICT (user_id, group_key) WHERE read_at IS NULL AND group_key IS NOT NULL DO UPDATE SET
          count = n.count + 1, seq = excluded.seq, actor_id = excluded.actor_id, title = excluded.title,
          body = excluded.body, created_at = excluded.created_at,
          type = CASE WHEN excluded.type = 'message' THEN n.type ELSE excluded.type END
        RETURNING n.id, n.user_id
      ), scheduled AS (
        INSERT INTO push_schedule AS p (user_id, push_key, notification_id, due_at)
        SELECT s.user_id, i.push_key, s.id, $2 FROM stored s JOIN input i ON i.user_id = s.user_id
        WHERE EXISTS (SELECT 1 FROM push_subscriptions ps WHERE ps.user_id = s.user_id)
        ON CONFLICT (user_id, push_key) DO UPDATE SET
          notification_id = excluded.notification_id,
          generation = p.generation + 1,
          -- Already waiting: keep its time. Otherwise not before the window after the last push.
          due_at = CASE WHEN p.due_at IS NOT NULL AND p.leased_until IS NULL THEN p.due_at
                        ELSE greatest(excluded.due_at, coalesce(p.last_push_at + $7 * interval '1 millisecond', excluded.due_at))
                   END
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM marker) AS fresh, (SELECT count(*) FROM scheduled) AS scheduled""";

  private static final String CLEAR = """
      WITH cleared AS (
        UPDATE notifications SET read_at = $4
        WHERE user_id = $1 AND chat_id = $2 AND read_at IS NULL AND seq <= $3
        RETURNING id
      ), unscheduled AS (
        UPDATE push_schedule SET due_at = NULL
        WHERE user_id = $1 AND leased_until IS NULL AND notification_id IN (SELECT id FROM cleared)
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM cleared) AS cleared, (SELECT count(*) FROM unscheduled) AS unscheduled""";

  private static final List<String> FORGET = List.of(
    "DELETE FROM notifications WHERE user_id = $1",
    "DELETE FROM push_schedule WHERE user_id = $1",
    "DELETE FROM push_subscriptions WHERE user_id = $1",
    "DELETE FROM notify_chat_settings WHERE user_id = $1",
    "DELETE FROM notify_user_settings WHERE user_id = $1");

  private static final String POISON = """
      INSERT INTO notify_poison (event_id, topic, partition, "offset", error, record, skipped_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private final Duration collapseWindow;

  PlanStore(Duration collapseWindow) {
    this.collapseWindow = collapseWindow;
  }

  Future<Applied> apply(SqlClient tx, Plan plan, InboundEvent source, List<UUID> ids, Instant now) {
    OffsetDateTime at = DbTime.utc(now);
    if (plan instanceof Plan.Deliver deliver) {
      return deliver(tx, deliver, ids, at);
    }
    if (plan instanceof Plan.ClearChat clear) {
      return tx.preparedQuery(CLEAR).execute(Tuple.of(clear.userId(), clear.chatId(), clear.upTo(), at))
        .map(rows -> rows.iterator().next().getLong("cleared") > 0 ? new Applied(Set.of(clear.userId()), false, false) : Applied.NONE);
    }
    if (plan instanceof Plan.ForgetUser forget) {
      Future<?> chain = Future.succeededFuture();
      for (String statement : FORGET) {
        chain = chain.compose(done -> tx.preparedQuery(statement).execute(Tuple.of(forget.userId())));
      }
      return chain.map(done -> new Applied(Set.of(forget.userId()), false, false));
    }
    if (plan instanceof Plan.Poison poison) {
      return recordPoison(tx, source, poison.reason(), now).map(Applied.NONE);
    }
    return Future.succeededFuture(Applied.NONE);
  }

  /** Keeps an event that could not be applied, for operators; the partition moves past it. */
  Future<Void> recordPoison(SqlClient client, InboundEvent source, String reason, Instant now) {
    return client.preparedQuery(POISON).execute(Tuple.of(source.eventId(), source.topic(), source.partition(),
        source.offset(), reason.length() > 2000 ? reason.substring(0, 2000) : reason,
        // Without NUL: a record that failed because of one must still be storable.
        source.record().replace("\u0000", "\\u0000"), DbTime.utc(now)))
      .mapEmpty();
  }

  private Future<Applied> deliver(SqlClient tx, Plan.Deliver deliver, List<UUID> ids, OffsetDateTime at) {
    List<Notice> notices = deliver.notices();
    int n = notices.size();
    UUID[] users = new UUID[n];
    String[] types = new String[n];
    String[] titles = new String[n];
    String[] bodies = new String[n];
    String[] groupKeys = new String[n];
    String[] pushKeys = new String[n];
    for (int i = 0; i < n; i++) {
      Notice notice = notices.get(i);
      users[i] = notice.userId();
      types[i] = notice.kind().wire;
      titles[i] = notice.title();
      bodies[i] = notice.body();
      groupKeys[i] = notice.groupKey();
      pushKeys[i] = notice.pushKey();
    }
    Tuple params = Tuple.of(deliver.eventId(), at, deliver.chatId(), deliver.seq(), deliver.actorId(),
        deliver.originSession(), collapseWindow.toMillis())
      .addArrayOfUUID(ids.toArray(UUID[]::new)).addArrayOfUUID(users)
      .addArrayOfString(types).addArrayOfString(titles).addArrayOfString(bodies)
      .addArrayOfString(groupKeys).addArrayOfString(pushKeys);
    return tx.preparedQuery(DELIVER).execute(params).map(rows -> {
      var row = rows.iterator().next();
      return row.getLong("fresh") == 0 ? Applied.REPLAYED
        : new Applied(notices.stream().map(Notice::userId).collect(Collectors.toSet()), row.getLong("scheduled") > 0, false);
    });
  }
}
