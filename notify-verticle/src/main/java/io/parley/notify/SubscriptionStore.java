package io.parley.notify;

import io.parley.notify.push.P256;
import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Push subscriptions: one per browser (by endpoint), kept per person, with how their pushes fared. */
final class SubscriptionStore {

  /** Browsers one person may have subscribed at once; subscribing another forgets the oldest. */
  static final int MAX_PER_USER = 20;

  /** What a push needs of a subscription. */
  record Subscription(UUID id, URI endpoint, ECPublicKey p256dh, byte[] auth) {
  }

  private static final String SAVE = """
      INSERT INTO push_subscriptions (id, user_id, session_id, endpoint, p256dh, auth, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, session_id = excluded.session_id,
        p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at, failures = 0, last_error = NULL
      RETURNING id""";
  private static final String TRIM = """
      DELETE FROM push_subscriptions WHERE user_id = $1 AND id NOT IN
        (SELECT id FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2)""";
  private static final String DELETE = "DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2";
  private static final String OF_USER = """
      SELECT id, endpoint, p256dh, auth FROM push_subscriptions
      WHERE user_id = $1 AND session_id IS DISTINCT FROM $2""";
  private static final String SUCCEEDED = """
      UPDATE push_subscriptions SET last_success_at = $2, failures = 0, last_error = NULL WHERE id = $1""";
  private static final String FAILED = """
      UPDATE push_subscriptions SET last_failure_at = $2, failures = failures + 1, last_error = $3 WHERE id = $1""";
  private static final String GONE = "DELETE FROM push_subscriptions WHERE id = $1";

  private final Pool pool;

  SubscriptionStore(Pool pool) {
    this.pool = pool;
  }

  Future<UUID> save(UUID id, UUID userId, UUID sessionId, SubscribeRequest request, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery(SAVE)
      .execute(Tuple.of(id, userId, sessionId, request.endpoint().toString(),
        Buffer.buffer(P256.encode(request.p256dh())), Buffer.buffer(request.auth()), DbTime.utc(now)))
      .compose(rows -> tx.preparedQuery(TRIM).execute(Tuple.of(userId, MAX_PER_USER))
        .map(trimmed -> rows.iterator().next().getUUID("id"))));
  }

  Future<Boolean> delete(UUID userId, String endpoint) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(userId, endpoint)).map(rows -> rows.rowCount() > 0);
  }

  /** A person's subscriptions, except the one of {@code exceptSession} (null: all). */
  Future<List<Subscription>> of(UUID userId, UUID exceptSession) {
    return pool.preparedQuery(OF_USER).execute(Tuple.of(userId, exceptSession)).map(rows -> {
      List<Subscription> subscriptions = new ArrayList<>();
      for (Row row : rows) {
        subscriptions.add(new Subscription(row.getUUID("id"), URI.create(row.getString("endpoint")),
          P256.publicKey(row.getBuffer("p256dh").getBytes()), row.getBuffer("auth").getBytes()));
      }
      return subscriptions;
    });
  }

  Future<Void> succeeded(UUID id, Instant now) {
    return pool.preparedQuery(SUCCEEDED).execute(Tuple.of(id, DbTime.utc(now))).mapEmpty();
  }

  Future<Void> failed(UUID id, Instant now, String error) {
    return pool.preparedQuery(FAILED).execute(Tuple.of(id, DbTime.utc(now), error)).mapEmpty();
  }

  /** The push service said the subscription is gone (404, 410): forget it. */
  Future<Void> gone(UUID id) {
    return pool.preparedQuery(GONE).execute(Tuple.of(id)).mapEmpty();
  }
}
