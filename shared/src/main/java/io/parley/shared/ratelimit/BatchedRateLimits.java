package io.parley.shared.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide fixed-window limits for a hot path, counted in this node's memory and shared
 * through Redis in batches. {@link RateLimiter} asks Redis on every hit, which is right for a
 * sign-in but is a round trip per message on the send path. Here a hit is a map lookup: the node
 * decides from the window's total as Redis last told it plus its own hits since, and every
 * {@code flushEvery} sends all of its new hits in one pipelined batch, learning the totals of the
 * other nodes in the answers.
 *
 * <p>A window starts at a subject's first hit, as {@link RateLimiter}'s do: the Redis key expires
 * with it, and each node takes the key's remaining time from its answers, so the nodes' windows
 * end together. The price of batching is a bounded imprecision: a user can exceed the limit by
 * what the other nodes admitted since their last flush, and a window's edge is known to a flush
 * interval. If Redis is unreachable, each node still holds the limit on its own.
 */
public final class BatchedRateLimits {

  private static final Logger log = LoggerFactory.getLogger(BatchedRateLimits.class);
  private static final Map<Vertx, BatchedRateLimits> NODES = new WeakHashMap<>();
  private static final String ADD = """
      local total = redis.call('INCRBY', KEYS[1], ARGV[1])
      if total == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
      return {total, redis.call('PTTL', KEYS[1])}""";

  private final Redis redis;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private boolean unreachableLogged;

  BatchedRateLimits(Redis redis, MeterRegistry metrics, Clock clock) {
    this.redis = redis;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The node's limits, shared by every verticle instance of the node, flushed every
   * {@code flushEvery} through a Redis client of their own, made by the first instance that asks.
   */
  public static synchronized BatchedRateLimits forNode(Vertx vertx, Supplier<Redis> redis, MeterRegistry metrics,
                                                       Duration flushEvery) {
    return NODES.computeIfAbsent(vertx, v -> {
      BatchedRateLimits limits = new BatchedRateLimits(redis.get(), metrics, Clock.systemUTC());
      v.setPeriodic(flushEvery.toMillis(), tick -> limits.flush());
      return limits;
    });
  }

  /**
   * Counts one hit of {@code subject} against the limit named {@code limit}, or fails with 429
   * {@code request.rate_limited} (and {@code retryAfterSeconds}) once {@code max} hits are known in
   * the current window. Answers at once: nothing waits for Redis.
   */
  public Future<Void> acquire(String limit, String subject, int max, Duration window) {
    long now = clock.millis();
    Window current = windows.compute("ratelimit:" + limit + ":" + subject,
      (key, known) -> known == null || known.endedBy(now) ? new Window(now + window.toMillis()) : known);
    long waitMillis = current.tryHit(max, now);
    if (waitMillis == 0) {
      return Future.succeededFuture();
    }
    Counter.builder(Meters.RATE_LIMIT_REFUSALS).description("Requests refused by a rate limit")
      .tag("limit", limit).register(metrics).increment();
    long retryAfterSeconds = Math.max(1, (waitMillis + 999) / 1000);
    return Future.failedFuture(CommonErrors.RATE_LIMITED.exception(
      "Too many requests; retry in " + retryAfterSeconds + " s",
      new JsonObject().put("retryAfterSeconds", retryAfterSeconds)));
  }

  /**
   * Adds this node's new hits to Redis in one batch and takes the totals back; windows that have
   * ended are forgotten. Completes when the answers are in (never fails: an unreachable Redis
   * leaves the hits to count locally).
   */
  public Future<Void> flush() {
    long now = clock.millis();
    windows.values().removeIf(window -> window.endedBy(now));
    List<String> keys = new ArrayList<>();
    List<Window> flushed = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Request> batch = new ArrayList<>();
    windows.forEach((key, window) -> {
      int hits = window.takeUnshared();
      if (hits > 0) {
        keys.add(key);
        flushed.add(window);
        counts.add(hits);
        batch.add(Request.cmd(Command.EVAL).arg(ADD).arg(1).arg(key).arg(hits).arg(window.remainingMillis(now)));
      }
    });
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return redis.batch(batch).<Void>map(answers -> {
      long answeredAt = clock.millis();
      for (int i = 0; i < answers.size(); i++) {
        Response answer = answers.get(i);
        flushed.get(i).learn(answer.get(0).toLong(), answer.get(1).toLong(), counts.get(i), answeredAt);
      }
      unreachableLogged = false;
      return null;
    }).recover(unreachable -> {
      if (!unreachableLogged) {
        unreachableLogged = true;
        log.warn("Rate limits not shared, Redis unreachable ({} keys counted on this node only): {}", keys.size(),
          unreachable.getMessage());
      }
      for (int i = 0; i < flushed.size(); i++) {
        flushed.get(i).keepLocal(counts.get(i));
      }
      return Future.succeededFuture();
    });
  }

  int size() {
    return windows.size();
  }

  /** One subject's window: the cluster total Redis last gave, the hits not yet sent to it, and its end. */
  private static final class Window {
    private long endsAt;
    private long knownTotal;
    private int unshared;
    private int inFlight;

    Window(long endsAt) {
      this.endsAt = endsAt;
    }

    synchronized boolean endedBy(long now) {
      return endsAt <= now;
    }

    synchronized long remainingMillis(long now) {
      return Math.max(1, endsAt - now);
    }

    /** 0 when the hit counts, else the milliseconds until the window ends. */
    synchronized long tryHit(int max, long now) {
      if (knownTotal + inFlight + unshared >= max) {
        return Math.max(1, endsAt - now);
      }
      unshared++;
      return 0;
    }

    synchronized int takeUnshared() {
      int hits = unshared;
      unshared = 0;
      inFlight += hits;
      return hits;
    }

    /**
     * Redis counted {@code sent} more hits: its total includes them and every other node's, and
     * the key's time to live is when the window ends for every node.
     */
    synchronized void learn(long total, long timeToLiveMillis, int sent, long now) {
      inFlight -= sent;
      knownTotal = Math.max(knownTotal + sent, total);
      if (timeToLiveMillis > 0) {
        endsAt = now + timeToLiveMillis;
      }
    }

    /** Redis never got them: they still count here, and go again with the next batch. */
    synchronized void keepLocal(int sent) {
      inFlight -= sent;
      unshared += sent;
    }
  }
}
