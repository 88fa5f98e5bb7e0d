package io.parley.notify;

import io.parley.notify.SubscriptionStore.Subscription;
import io.parley.notify.push.P256;
import io.parley.notify.push.Vapid;
import io.parley.notify.push.WebPushEncryption;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one push to one subscription over the Web Push protocol (RFC 8030): the payload
 * encrypted for that browser (off the event loop: it is elliptic-curve work), a VAPID
 * Authorization, TTL, Urgency and Topic. 429 and 5xx answers and network failures are retried
 * with a doubling delay (a Retry-After answer wins, up to a cap); 404 and 410 mean the browser
 * dropped the subscription, so it is removed; every failure is recorded on the subscription.
 */
final class PushSender {

  /** How a push to one subscription ended, after its retries; {@link #result()} tags {@code parley_push_results_total}. */
  enum Outcome {
    /** The push service took it (2xx): it delivers when the browser is reachable. */
    DELIVERED("sent"),
    /** 404 or 410: the subscription expired or was dropped, and is removed. */
    GONE("expired"),
    FAILED("failed");

    private final String result;

    Outcome(String result) {
      this.result = result;
    }

    String result() {
      return result;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(PushSender.class);
  private static final long MAX_RETRY_DELAY_MS = 30_000;

  private final Vertx vertx;
  private final WebClient client;
  private final Vapid vapid;
  private final SubscriptionStore subscriptions;
  private final NotifyConfig config;
  private final NotifyMetrics metrics;
  private final Clock clock;

  PushSender(Vertx vertx, WebClient client, Vapid vapid, SubscriptionStore subscriptions, NotifyConfig config,
             NotifyMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.client = client;
    this.vapid = vapid;
    this.subscriptions = subscriptions;
    this.config = config;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** {@code urgency} is {@code high} for messages and sign-ins, {@code normal} otherwise (RFC 8030 5.3). */
  Future<Outcome> send(Subscription subscription, byte[] plaintext, String pushKey, String urgency) {
    return vertx.executeBlocking(() -> WebPushEncryption.encrypt(plaintext, subscription.p256dh(), subscription.auth()), false)
      .compose(body -> attempt(subscription, Buffer.buffer(body), topic(pushKey), urgency, 1));
  }

  private Future<Outcome> attempt(Subscription subscription, Buffer body, String topic, String urgency, int attempt) {
    return client.postAbs(subscription.endpoint().toString())
      .timeout(config.pushTimeoutMs())
      .putHeader("Authorization", vapid.authorization(subscription.endpoint()))
      .putHeader("TTL", String.valueOf(config.pushTtl().toSeconds()))
      .putHeader("Urgency", urgency)
      .putHeader("Topic", topic)
      .putHeader("Content-Encoding", "aes128gcm")
      .putHeader("Content-Type", "application/octet-stream")
      .sendBuffer(body)
      .transform(answer -> {
        if (answer.succeeded() && answer.result().statusCode() / 100 == 2) {
          metrics.push("delivered");
          metrics.pushed(Outcome.DELIVERED);
          return subscriptions.succeeded(subscription.id(), clock.instant()).map(Outcome.DELIVERED);
        }
        int status = answer.succeeded() ? answer.result().statusCode() : 0;
        if (status == 404 || status == 410) {
          metrics.push("gone");
          metrics.pushed(Outcome.GONE);
          log.info("Push subscription {} is gone ({}); removed", subscription.id(), status);
          return subscriptions.gone(subscription.id()).map(Outcome.GONE);
        }
        String error = answer.succeeded() ? status + " " + snippet(answer.result()) : answer.cause().toString();
        boolean retryable = status == 0 || status == 429 || status >= 500;
        if (retryable && attempt < config.pushMaxAttempts()) {
          metrics.push("retried");
          long delay = delay(attempt, answer.succeeded() ? answer.result() : null);
          log.debug("Push to {} failed ({}); attempt {} in {} ms", subscription.id(), error, attempt + 1, delay);
          return vertx.timer(delay).compose(waited -> attempt(subscription, body, topic, urgency, attempt + 1));
        }
        metrics.push("failed");
        metrics.pushed(Outcome.FAILED);
        log.warn("Push to subscription {} failed after {} attempt(s): {}", subscription.id(), attempt, error);
        return subscriptions.failed(subscription.id(), clock.instant(), error).map(Outcome.FAILED);
      });
  }

  private long delay(int attempt, HttpResponse<Buffer> answer) {
    long backoff = config.pushRetryBase().toMillis() << Math.min(attempt - 1, 16);
    String retryAfter = answer == null ? null : answer.getHeader("Retry-After");
    if (retryAfter != null && retryAfter.strip().matches("\\d{1,6}")) {
      backoff = Math.max(backoff, Long.parseLong(retryAfter.strip()) * 1_000);
    }
    return Math.max(1, Math.min(backoff, MAX_RETRY_DELAY_MS));
  }

  /**
   * The Topic header (RFC 8030 5.4): a push service keeps only the newest undelivered push of one
   * topic. At most 32 characters of the base64url alphabet, so a digest of the push key.
   */
  static String topic(String pushKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pushKey.getBytes(StandardCharsets.UTF_8));
      return P256.base64Url(Arrays.copyOf(digest, 24));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String snippet(HttpResponse<Buffer> response) {
    Buffer body = response.body();
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) : text;
  }
}
