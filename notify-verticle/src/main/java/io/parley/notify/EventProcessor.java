package io.parley.notify;

import io.parley.notify.PlanStore.Applied;
import io.parley.shared.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of events: each is planned (reads outside any transaction), then all plans are
 * applied in one transaction, in partition order, each delivery with its event id. Only when
 * that committed does the consumer commit the batch's offsets.
 *
 * <p>When the batch fails, its events are tried one at a time, each up to
 * {@code notify.eventAttempts} times with a growing delay. An event still failing while the
 * database answers is poison: logged, kept in {@code notify_poison} and skipped, so its partition
 * moves on. While the database does not answer nothing is skipped; the event waits for it.
 */
final class EventProcessor {

  private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
  private static final long RETRY_BASE_MS = 200;
  private static final long DATABASE_DOWN_WAIT_MS = 2_000;

  private final Vertx vertx;
  private final Pool pool;
  private final EventPlanner planner;
  private final PlanStore plans;
  private final NotificationCache cache;
  private final Runnable pushesScheduled;
  private final NotifyMetrics metrics;
  private final int attempts;
  private final Ids ids;
  private final Clock clock;

  EventProcessor(Vertx vertx, Pool pool, EventPlanner planner, PlanStore plans, NotificationCache cache,
                 Runnable pushesScheduled, NotifyMetrics metrics, int attempts, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.planner = planner;
    this.plans = plans;
    this.cache = cache;
    this.pushesScheduled = pushesScheduled;
    this.metrics = metrics;
    this.attempts = attempts;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** Completes once every event of the batch is applied or skipped as poison. */
  Future<Void> handle(List<InboundEvent> events) {
    return apply(events).recover(failure -> {
      if (events.size() > 1) {
        log.info("A batch of {} events failed ({}); applying them one by one", events.size(), failure.toString());
      }
      Future<Void> chain = Future.succeededFuture();
      for (InboundEvent event : events) {
        chain = chain.compose(done -> isolated(event, 1));
      }
      return chain;
    });
  }

  private Future<Void> isolated(InboundEvent event, int attempt) {
    return apply(List.of(event)).recover(failure -> {
      if (attempt < attempts) {
        return vertx.timer(RETRY_BASE_MS << (attempt - 1)).compose(waited -> isolated(event, attempt + 1));
      }
      return databaseAnswers().compose(answers -> answers ? skip(event, failure)
        : vertx.timer(DATABASE_DOWN_WAIT_MS).compose(waited -> isolated(event, attempt)));
    });
  }

  private Future<Void> apply(List<InboundEvent> events) {
    List<Future<Plan>> planned = new ArrayList<>(events.size());
    for (InboundEvent event : events) {
      planned.add(event.envelope() == null ? Future.succeededFuture(new Plan.Poison(event.unreadable()))
        : planner.plan(event.envelope()));
    }
    return Future.all(planned).compose(all -> pool.withTransaction(tx -> {
      Set<UUID> touched = new HashSet<>();
      boolean[] pushes = new boolean[1];
      int[] stored = new int[2];
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < events.size(); i++) {
        InboundEvent event = events.get(i);
        Plan plan = all.resultAt(i);
        if (plan instanceof Plan.Poison poison) {
          log.error("Skipping unreadable event {}: {}", event, poison.reason());
          metrics.poisoned();
        }
        List<UUID> noticeIds = plan instanceof Plan.Deliver deliver ? newIds(deliver.notices().size()) : List.of();
        chain = chain.compose(done -> plans.apply(tx, plan, event, noticeIds, clock.instant()).map(applied -> {
          touched.addAll(applied.users());
          pushes[0] |= applied.pushes();
          stored[0] += plan instanceof Plan.Deliver ? applied.users().size() : 0;
          stored[1] += applied.replayed() ? 1 : 0;
          return null;
        }));
      }
      return chain.map(done -> new Outcome(touched, pushes[0], stored[0], stored[1]));
    })).compose(outcome -> {
      metrics.handled(events.size(), outcome.stored(), outcome.replayed());
      if (outcome.replayed() > 0) {
        log.debug("{} events of the batch were applied before; nothing changed for them", outcome.replayed());
      }
      if (outcome.pushes()) {
        pushesScheduled.run();
      }
      return cache.invalidate(outcome.touched()).recover(redisAway -> {
        log.warn("Could not invalidate the notification caches of {} people: {}", outcome.touched().size(),
          redisAway.getMessage());
        return Future.succeededFuture();
      });
    });
  }

  /** What a committed batch did; {@code replayed} counts events found already applied (read twice). */
  private record Outcome(Set<UUID> touched, boolean pushes, int stored, int replayed) {
  }

  private Future<Void> skip(InboundEvent event, Throwable failure) {
    log.error("Skipping event {} after {} attempts; kept in notify_poison", event, attempts, failure);
    metrics.poisoned();
    return plans.recordPoison(pool, event, failure.toString(), clock.instant())
      .recover(notKept -> {
        log.error("Could not keep poison event {}: {}", event, notKept.getMessage());
        return Future.succeededFuture();
      });
  }

  private Future<Boolean> databaseAnswers() {
    return pool.query("SELECT 1").execute().map(true).otherwise(false);
  }

  private List<UUID> newIds(int count) {
    List<UUID> fresh = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      fresh.add(ids.next());
    }
    return fresh;
  }
}
