package io.parley.shared.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.metrics.Meters;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide fixed-window rate limits in Redis: every node counts in the same key, so a limit
 * holds however requests are spread over nodes. Counting and setting the window's expiry happen
 * in one Lua script, atomically, so a key can never be left without an expiry.
 *
 * <p>If Redis is unreachable the limiter lets the request through and logs it: a limit exists to
 * slow abuse, and refusing every sign-in while Redis restarts would hurt everyone instead.
 */
public final class RateLimiter {

  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
  private static final String SCRIPT = """
      local count = redis.call('INCR', KEYS[1])
      if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return {count, redis.call('PTTL', KEYS[1])}""";

  private final Redis redis;
  private final MeterRegistry metrics;

  /** A limiter whose refusals are counted in {@code metrics} as {@link Meters#RATE_LIMIT_REFUSALS}. */
  public RateLimiter(Redis redis, MeterRegistry metrics) {
    this.redis = redis;
    this.metrics = metrics;
  }

  /**
   * Counts one hit of {@code subject} (a user, an address) against the limit named {@code limit}
   * ({@code chat.send}, {@code auth.sign-in.address}); fails with 429 {@code request.rate_limited}
   * (and a {@code retryAfterSeconds} detail) once more than {@code max} hits fell in the window.
   * Refusals are counted per limit name, never per subject.
   */
  public Future<Void> acquire(String limit, String subject, int max, Duration window) {
    String key = limit + ":" + subject;
    Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg("ratelimit:" + key).arg(window.toMillis());
    return redis.send(eval)
      .recover(unreachable -> {
        log.warn("Rate limit {} not checked, Redis unreachable: {}", limit, unreachable.getMessage());
        return Future.succeededFuture();
      })
      .compose(response -> response == null ? Future.succeededFuture() : check(response, max))
      .onFailure(refused -> refusals(limit).increment());
  }

  private Counter refusals(String limit) {
    return Counter.builder(Meters.RATE_LIMIT_REFUSALS).description("Requests refused by a rate limit")
      .tag("limit", limit).register(metrics);
  }

  private static Future<Void> check(Response response, int limit) {
    long count = response.get(0).toLong();
    if (count <= limit) {
      return Future.succeededFuture();
    }
    long retryAfterSeconds = Math.max(1, (response.get(1).toLong() + 999) / 1000);
    return Future.failedFuture(CommonErrors.RATE_LIMITED.exception(
      "Too many requests; retry in " + retryAfterSeconds + " s",
      new JsonObject().put("retryAfterSeconds", retryAfterSeconds)));
  }
}
