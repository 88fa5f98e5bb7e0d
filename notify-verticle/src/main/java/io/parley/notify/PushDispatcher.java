package io.parley.notify;

import io.parley.notify.PushScheduleStore.Job;
import io.parley.notify.PushScheduleStore.Pending;
import io.parley.notify.push.DeliveryReceipts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the pushes the consumer scheduled, off the consumer's path: it leases due rows of the
 * push schedule (shared by every node running the role), and for each one pushes the
 * notification to every subscription of its person. At sending time it checks again: a
 * notification read meanwhile, or a person who has come back online, gets no push.
 */
final class PushDispatcher {

  private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
  private static final long TICK_MS = 250;
  private static final int BATCH = 50;
  /** Longer than a push's retries can take (see PushSender), so a lease outlives its work. */
  private static final Duration LEASE = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final PushScheduleStore schedule;
  private final SubscriptionStore subscriptions;
  private final PushSender sender;
  private final PresenceReader presence;
  private final DeliveryReceipts receipts;
  private final Clock clock;
  private long timer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;

  PushDispatcher(Vertx vertx, PushScheduleStore schedule, SubscriptionStore subscriptions, PushSender sender,
                 PresenceReader presence, DeliveryReceipts receipts, Clock clock) {
    this.vertx = vertx;
    this.schedule = schedule;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.presence = presence;
    this.receipts = receipts;
    this.clock = clock;
  }

  void start() {
    timer = vertx.setPeriodic(TICK_MS, tick -> wake());
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** Looks for due pushes now (after a commit that scheduled some), rather than at the next tick. */
  void wake() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    round().onComplete(done -> {
      running = false;
      if (done.failed()) {
        log.warn("Push round failed: {}", done.cause().getMessage());
      }
      boolean more = again || done.succeeded() && done.result() == BATCH;
      again = false;
      if (more) {
        vertx.runOnContext(next -> wake());
      }
    });
  }

  private Future<Integer> round() {
    return schedule.lease(clock.instant(), LEASE, BATCH).compose(jobs -> {
      List<Future<Void>> work = new ArrayList<>(jobs.size());
      jobs.forEach(job -> work.add(push(job)));
      return Future.join(work).map(jobs.size());
    });
  }

  /** One leased push; the lease is finished whatever happened, so the row never stays taken. */
  private Future<Void> push(Job job) {
    return schedule.pending(job.notificationId())
      .compose(pending -> pending == null || pending.read() ? Future.succeededFuture()
        : stillAway(pending).compose(away -> away ? toEverySubscription(pending, job) : Future.succeededFuture()))
      .transform(done -> {
        if (done.failed()) {
          log.warn("Push {} of {} failed: {}", job.pushKey(), job.userId(), done.cause().toString());
        }
        return schedule.finish(job);
      });
  }

  private Future<Boolean> stillAway(Pending pending) {
    if (pending.kind() == Kind.SIGN_IN) {
      return Future.succeededFuture(true);
    }
    return presence.connected(List.of(pending.userId())).map(connected -> connected.isEmpty());
  }

  private Future<Void> toEverySubscription(Pending pending, Job job) {
    String receipt = pending.kind().isMessage() && pending.chatId() != null && pending.seq() != null
      ? receipts.issue(pending.userId(), pending.chatId(), pending.seq()) : null;
    byte[] payload = PushPayload.of(pending, job.pushKey(), receipt);
    String urgency = pending.kind().isMessage() || pending.kind() == Kind.SIGN_IN ? "high" : "normal";
    return subscriptions.of(pending.userId(), pending.originSession()).compose(targets -> {
      List<Future<PushSender.Outcome>> sends = new ArrayList<>(targets.size());
      targets.forEach(target -> sends.add(sender.send(target, payload, job.pushKey(), urgency)));
      return Future.join(sends).mapEmpty();
    });
  }
}
