package io.parley.notify;

import io.parley.notify.PlanStore.Applied;
import io.parley.shared.Ids;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a batch of events: each is planned (reads outside any transaction), then all plans are
 * applied in one transaction, in partition order, each delivery with its event id. Only when
 * that committed does the consumer commit the batch's offsets.
 *
 * <p>Stored "one per recipient" counts the recipients planned (a replayed event's among them);
 * {@code replayed} the events found applied already.
 *
 * <p>When the batch fails, its events are tried one at a time, each up to
 * {@code notify.eventAttempts} times with a growing delay. An event still failing while
 * PostgreSQL and Redis answer is poison: logged, kept in {@code notify_poison} and skipped, so its
 * partition moves on. While either does not answer nothing is skipped; the event waits for it (a
 * plan reads presence from Redis: skipping then would lose the notifications of everyone away).
 */
final class EventProcessor {

  private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
  private static final long RETRY_BASE_MS = 200;
  private static final long DATABASE_DOWN_WAIT_MS = 2_000;

  private final Vertx vertx;
  private final Pool pool;
  private final Redis redis;
  private final EventPlanner planner;
  private final PlanStore plansStore;
  private final DeliveryStore deliveries;
  private final NotificationCache cache;
  private final Runnable pushesScheduled;
  private final NotifyMetrics metrics;
  private final int attempts;
  private final Ids ids;
  private final Clock clock;

  EventProcessor(Vertx vertx, Pool pool, Redis redis, EventPlanner planner, PlanStore plans, DeliveryStore deliveries,
                 NotificationCache cache, Runnable pushesScheduled, NotifyMetrics metrics, int attempts, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.redis = redis;
    this.planner = planner;
    this.plansStore = plans;
    this.deliveries = deliveries;
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
      return backendsAnswer().compose(answers -> answers ? skip(event, failure)
        : vertx.timer(DATABASE_DOWN_WAIT_MS).compose(waited -> isolated(event, attempt)));
    });
  }

  private Future<Void> apply(List<InboundEvent> events) {
    List<Future<Plan>> planned = new ArrayList<>(events.size());
    for (InboundEvent event : events) {
      planned.add(event.envelope() == null ? Future.succeededFuture(new Plan.Poison(event.unreadable()))
        : planner.plan(event.envelope()));
    }
    List<Plan> plans = new ArrayList<>(events.size());
    return Future.all(planned).compose(all -> {
      for (int i = 0; i < events.size(); i++) {
        plans.add(all.resultAt(i));
      }
      return pool.withTransaction(tx -> write(tx, events, plans));
    }).compose(outcome -> {
      for (int i = 0; i < events.size(); i++) {
        if (plans.get(i) instanceof Plan.Poison poison) {
          log.error("Skipped unreadable event {}, kept in notify_poison: {}", events.get(i), poison.reason());
          metrics.poisoned();
        }
      }
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

  /**
   * Writes the plans in event order. Consecutive deliveries go together in one
   * {@link DeliveryStore} write; the run ends early where a later plan must see it applied
   * first (a read of a chat someone in it was just told about, a deleted account).
   */
  private Future<Outcome> write(SqlConnection tx, List<InboundEvent> events, List<Plan> plans) {
    Set<UUID> touched = new HashSet<>();
    boolean[] pushes = new boolean[1];
    int[] counts = new int[2];
    Function<Applied, Void> add = applied -> {
      touched.addAll(applied.users());
      pushes[0] |= applied.pushes();
      counts[1] += applied.replayed();
      return null;
    };
    Future<Void> chain = Future.succeededFuture();
    List<Plan.Deliver> run = new ArrayList<>();
    DeliveryBatch seen = new DeliveryBatch();
    for (int i = 0; i < plans.size(); i++) {
      Plan plan = plans.get(i);
      if (plan instanceof Plan.Deliver delivery) {
        run.add(delivery);
        seen.add(delivery, () -> null);
        counts[0] += delivery.notices().size();
        continue;
      }
      if (plan instanceof Plan.Nothing) {
        continue;
      }
      boolean dependsOnRun = plan instanceof Plan.ClearChat clear && seen.touches(clear.userId(), clear.chatId())
        || plan instanceof Plan.ForgetUser forget && seen.mentions(forget.userId());
      if (dependsOnRun) {
        List<Plan.Deliver> flushed = List.copyOf(run);
        chain = chain.compose(done -> deliveries.apply(tx, flushed, clock.instant(), ids::next).map(add));
        run.clear();
        seen = new DeliveryBatch();
      }
      InboundEvent event = events.get(i);
      chain = chain.compose(done -> plansStore.apply(tx, plan, event, clock.instant()).map(add));
    }
    if (!run.isEmpty()) {
      List<Plan.Deliver> rest = List.copyOf(run);
      chain = chain.compose(done -> deliveries.apply(tx, rest, clock.instant(), ids::next).map(add));
    }
    return chain.map(done -> new Outcome(touched, pushes[0], counts[0], counts[1]));
  }

  private Future<Void> skip(InboundEvent event, Throwable failure) {
    log.error("Skipping event {} after {} attempts; kept in notify_poison", event, attempts, failure);
    metrics.poisoned();
    return plansStore.recordPoison(pool, event, failure.toString(), clock.instant())
      .recover(notKept -> {
        log.error("Could not keep poison event {}: {}", event, notKept.getMessage());
        return Future.succeededFuture();
      });
  }

  private Future<Boolean> backendsAnswer() {
    Future<Boolean> database = pool.query("SELECT 1").execute().map(true).otherwise(false);
    Future<Boolean> presence = redis.send(Request.cmd(Command.PING)).map(true).otherwise(false);
    return Future.all(database, presence).map(both -> database.result() && presence.result());
  }
}
