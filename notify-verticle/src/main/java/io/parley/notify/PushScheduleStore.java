package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The push schedule (see V020): leasing due pushes, finishing them, and reading the notification
 * a push is about. Leases are rows locked with SKIP LOCKED and stamped with an expiry, so the
 * senders of every node share the due work and a sender that dies mid-push gives its lease back
 * when it expires: a push is sent at least once.
 */
final class PushScheduleStore {

  /** A leased push: the notification to show, and the schedule's generation when leased. */
  record Job(UUID userId, String pushKey, UUID notificationId, long generation) {
  }

  /** What a push shows. */
  record Pending(UUID id, UUID userId, Kind kind, UUID chatId, Long seq, String title, String body, int count,
                 boolean read, UUID originSession, UUID actorId, String actorName) {
  }

  private static final String LEASE = """
      UPDATE push_schedule p SET leased_until = $2, last_push_at = $1
      FROM (SELECT user_id, push_key FROM push_schedule
            WHERE due_at <= $1 AND (leased_until IS NULL OR leased_until < $1)
            ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
      WHERE p.user_id = due.user_id AND p.push_key = due.push_key
      RETURNING p.user_id, p.push_key, p.notification_id, p.generation""";
  /** Nothing new since the lease: nothing waits. Something new: it is already scheduled for after the window. */
  private static final String FINISH = """
      UPDATE push_schedule SET leased_until = NULL, due_at = CASE WHEN generation = $3 THEN NULL ELSE due_at END
      WHERE user_id = $1 AND push_key = $2""";
  private static final String PENDING = """
      SELECT n.id, n.user_id, n.type, n.chat_id, n.seq, n.title, n.body, n.count, n.read_at IS NOT NULL AS read,
             n.origin_session_id, n.actor_id, u.display_name AS actor_name
      FROM notifications n LEFT JOIN notify_users u ON u.id = n.actor_id WHERE n.id = $1""";
  private static final String NEXT_DUE = "SELECT min(due_at) AS next FROM push_schedule WHERE due_at IS NOT NULL";

  private final Pool pool;

  PushScheduleStore(Pool pool) {
    this.pool = pool;
  }

  Future<List<Job>> lease(Instant now, Duration leaseFor, int limit) {
    return pool.preparedQuery(LEASE).execute(Tuple.of(DbTime.utc(now), DbTime.utc(now.plus(leaseFor)), limit)).map(rows -> {
      List<Job> jobs = new ArrayList<>();
      for (Row row : rows) {
        jobs.add(new Job(row.getUUID("user_id"), row.getString("push_key"), row.getUUID("notification_id"),
          row.getLong("generation")));
      }
      return jobs;
    });
  }

  Future<Void> finish(Job job) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(job.userId(), job.pushKey(), job.generation())).mapEmpty();
  }

  /** The notification of a job, or null if it was deleted meanwhile. */
  Future<Pending> pending(UUID notificationId) {
    return pool.preparedQuery(PENDING).execute(Tuple.of(notificationId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Pending(row.getUUID("id"), row.getUUID("user_id"), Kind.of(row.getString("type")), row.getUUID("chat_id"),
        row.getLong("seq"), row.getString("title"), row.getString("body"), row.getInteger("count"), row.getBoolean("read"),
        row.getUUID("origin_session_id"), row.getUUID("actor_id"), row.getString("actor_name"));
    });
  }

  /** When the next push is due, or null when none waits. */
  Future<Instant> nextDue() {
    return pool.query(NEXT_DUE).execute().map(rows -> DbTime.instant(rows.iterator().next(), "next"));
  }
}
