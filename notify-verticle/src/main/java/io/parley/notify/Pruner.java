package io.parley.notify;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is past keeping, once an hour, on one node at a time (a transaction-scoped
 * advisory lock; the others skip the round): notifications, processed event ids and poison
 * records older than {@code notify.keepDays}, and idle push schedule rows. Event ids must be kept
 * longer than Kafka keeps the events, so a replay can still recognise them.
 */
final class Pruner {

  private static final Logger log = LoggerFactory.getLogger(Pruner.class);
  private static final long LOCK_KEY = 0x6e6f74696679L;
  private static final long EVERY_MS = Duration.ofHours(1).toMillis();
  private static final List<String> PAST_KEEPING = List.of(
    "DELETE FROM notifications WHERE created_at < $1",
    "DELETE FROM notify_events WHERE processed_at < $1",
    "DELETE FROM notify_poison WHERE skipped_at < $1");
  /** A schedule row whose last push is a day old holds nothing a new push needs (the window is far shorter). */
  private static final String IDLE_SCHEDULE =
    "DELETE FROM push_schedule WHERE due_at IS NULL AND leased_until IS NULL AND last_push_at < $1";

  private final Vertx vertx;
  private final Pool pool;
  private final Duration keep;
  private final Clock clock;
  private long timer = -1;

  Pruner(Vertx vertx, Pool pool, int keepDays, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.keep = Duration.ofDays(keepDays);
    this.clock = clock;
  }

  void start() {
    timer = vertx.setPeriodic(EVERY_MS, EVERY_MS, tick -> prune()
      .onFailure(failure -> log.warn("Pruning notifications failed: {}", failure.getMessage())));
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One round; completes with whether this node held the lock and pruned. */
  Future<Boolean> prune() {
    Instant now = clock.instant();
    Tuple kept = Tuple.of(DbTime.utc(now.minus(keep)));
    Tuple idle = Tuple.of(DbTime.utc(now.minus(Duration.ofDays(1))));
    return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ") AS locked").execute()
      .compose(lock -> {
        if (!lock.iterator().next().getBoolean("locked")) {
          return Future.succeededFuture(false);
        }
        Future<?> chain = Future.succeededFuture();
        for (String statement : PAST_KEEPING) {
          chain = chain.compose(done -> tx.preparedQuery(statement).execute(kept));
        }
        return chain.compose(done -> tx.preparedQuery(IDLE_SCHEDULE).execute(idle)).map(true);
      }));
  }
}
