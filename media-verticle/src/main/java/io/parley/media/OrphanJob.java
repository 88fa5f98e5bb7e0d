package io.parley.media;

import io.parley.shared.db.DbTime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes media nobody needs: uploads never completed (after {@code media.pendingTtlSeconds}),
 * uploads refused at completion (as long after), ready media nothing references (after
 * {@code media.unreferencedTtlSeconds} since ready or last attached; that includes media whose
 * last message was deleted), and removals left half-done. A ready media still referenced is
 * looked at again one grace period later.
 *
 * <p>One node at a time in the cluster does a round: each round takes a transaction-scoped
 * advisory lock (as the outbox relay does), claims a batch by marking it {@code deleting}, and
 * after the commit deletes the objects, then the rows. A crash in between leaves rows marked
 * {@code deleting}, which a later round picks up again.
 */
final class OrphanJob {

  private static final Logger log = LoggerFactory.getLogger(OrphanJob.class);
  private static final long LOCK_KEY = 0x6d656469614f7270L;
  private static final Duration RETRY_REMOVAL = Duration.ofMinutes(10);

  private final Vertx vertx;
  private final Pool pool;
  private final MediaStore store;
  private final MediaService service;
  private final MediaSettings settings;
  private final Clock clock;
  private long timer = -1;
  private boolean running;

  OrphanJob(Vertx vertx, Pool pool, MediaStore store, MediaService service, MediaSettings settings, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.service = service;
    this.settings = settings;
    this.clock = clock;
  }

  void start() {
    timer = vertx.setPeriodic(settings.orphanInterval().toMillis(), tick -> {
      if (!running) {
        running = true;
        round().onFailure(failure -> log.warn("Media orphan round failed, next one in {}: {}", settings.orphanInterval(),
          failure.getMessage())).onComplete(done -> running = false);
      }
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One round: completes with the number of media removed (0 when another node holds the lock). */
  Future<Integer> round() {
    Instant now = DbTime.now(clock);
    return pool.<List<Media>>withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ") AS locked")
        .execute()
        .compose(lock -> !lock.iterator().next().getBoolean("locked") ? Future.succeededFuture(List.of())
          : store.sweep(tx, now, settings.orphanBatch(), now.plus(settings.unreferencedTtl()), now.plus(RETRY_REMOVAL))))
      .compose(doomed -> doomed.isEmpty() ? Future.succeededFuture(0)
        : service.removeObjects(doomed)
          .compose(done -> store.remove(pool, doomed.stream().map(Media::id).toList()))
          .map(removed -> {
            log.info("Removed {} unused media", doomed.size());
            return doomed.size();
          }));
  }
}
