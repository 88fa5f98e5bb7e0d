package io.parley.shared.ratelimit;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in this node's memory, per key (a user and a kind of action): {@code burst} at
 * once, then {@code perSecond} sustained. For limits on frequent, cheap actions (edits, reactions,
 * pins, renames, live-location moves) a Redis round trip per action would cost more than the
 * action; a bucket per node costs a map lookup. The price is precision: with requests spread over
 * N nodes running the service, a user gets at most N times the limit, which still stops a flood.
 * Idle buckets are dropped every minute.
 */
public final class LocalRateLimits {

  private static final Map<Vertx, LocalRateLimits> NODES = new WeakHashMap<>();
  private static final long SWEEP_MS = 60_000;

  private final double burst;
  private final double perNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  LocalRateLimits(double burst, double perSecond) {
    this.burst = burst;
    this.perNano = perSecond / 1e9;
  }

  /** The node's buckets, shared by every verticle instance of the node (the first caller's settings). */
  public static synchronized LocalRateLimits forNode(Vertx vertx, double burst, double perSecond) {
    return NODES.computeIfAbsent(vertx, v -> {
      LocalRateLimits limits = new LocalRateLimits(burst, perSecond);
      v.setPeriodic(SWEEP_MS, tick -> limits.sweep(System.nanoTime()));
      return limits;
    });
  }

  /** Takes one token for {@code key}, or throws 429 {@code request.rate_limited} with {@code retryAfterSeconds}. */
  public void take(String key) {
    double waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(burst, System.nanoTime())).take(System.nanoTime(), burst, perNano);
    if (waitNanos > 0) {
      long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
      throw CommonErrors.RATE_LIMITED.exception("Too many of these at once; retry in " + retryAfter + " s",
        new JsonObject().put("retryAfterSeconds", retryAfter));
    }
  }

  void sweep(long nowNanos) {
    buckets.values().removeIf(bucket -> bucket.fullAt(nowNanos, burst, perNano));
  }

  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    /** 0 when a token was taken, else the nanoseconds until one is there. */
    synchronized double take(long now, double burst, double perNano) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (1 - tokens) / perNano;
    }

    synchronized boolean fullAt(long now, double burst, double perNano) {
      return tokens + (now - refilledAt) * perNano >= burst;
    }
  }
}
