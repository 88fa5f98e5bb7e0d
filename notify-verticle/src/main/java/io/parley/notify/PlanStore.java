package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the plans other than deliveries inside the consumer's transaction: a read clearing a
 * chat's notifications, an account's data forgotten, a poison event kept. All are idempotent, so
 * a replay needs no event id; deliveries are written by {@link DeliveryStore}.
 */
final class PlanStore {

  /** What applying a plan touched: whose notifications changed, and whether pushes await. */
  record Applied(Set<UUID> users, boolean pushes, int replayed) {
    static final Applied NONE = new Applied(Set.of(), false, 0);
  }

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

  /** Applies one plan other than a delivery (deliveries go in batches, see {@link DeliveryStore}). */
  Future<Applied> apply(SqlClient tx, Plan plan, InboundEvent source, Instant now) {
    OffsetDateTime at = DbTime.utc(now);
    if (plan instanceof Plan.ClearChat clear) {
      return tx.preparedQuery(CLEAR).execute(Tuple.of(clear.userId(), clear.chatId(), clear.upTo(), at))
        .map(rows -> rows.iterator().next().getLong("cleared") > 0 ? new Applied(Set.of(clear.userId()), false, 0) : Applied.NONE);
    }
    if (plan instanceof Plan.ForgetUser forget) {
      Future<?> chain = Future.succeededFuture();
      for (String statement : FORGET) {
        chain = chain.compose(done -> tx.preparedQuery(statement).execute(Tuple.of(forget.userId())));
      }
      return chain.map(done -> new Applied(Set.of(forget.userId()), false, 0));
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
}
