package io.parley.notify;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The notify section of the node configuration, read once; the defaults here match
 * {@code conf/parley.json}, for a configuration without the section.
 */
record NotifyConfig(String consumerGroup, int batchSize, int eventAttempts, Duration maxEventAge,
                    Duration collapseWindow, int keepDays, String vapidSubject, boolean allowLoopbackHttp,
                    Duration pushTtl, int pushMaxAttempts, Duration pushRetryBase, long pushTimeoutMs) {

  static NotifyConfig from(JsonObject config) {
    return new NotifyConfig(
      Config.string(config, ConfigKeys.NOTIFY_CONSUMER_GROUP, "parley-notify"),
      Math.max(1, Config.integer(config, ConfigKeys.NOTIFY_BATCH_SIZE, 500)),
      Math.max(1, Config.integer(config, ConfigKeys.NOTIFY_EVENT_ATTEMPTS, 3)),
      Duration.ofSeconds(Config.longValue(config, ConfigKeys.NOTIFY_MAX_EVENT_AGE, 86_400)),
      Duration.ofMillis(Config.longValue(config, ConfigKeys.NOTIFY_COLLAPSE_WINDOW_MS, 15_000)),
      Math.max(1, Config.integer(config, ConfigKeys.NOTIFY_KEEP_DAYS, 30)),
      Config.string(config, ConfigKeys.NOTIFY_VAPID_SUBJECT, "mailto:admin@localhost"),
      Config.bool(config, ConfigKeys.NOTIFY_PUSH_ALLOW_LOOPBACK_HTTP, false),
      Duration.ofSeconds(Config.longValue(config, ConfigKeys.NOTIFY_PUSH_TTL, 86_400)),
      Math.max(1, Config.integer(config, ConfigKeys.NOTIFY_PUSH_MAX_ATTEMPTS, 5)),
      Duration.ofMillis(Config.longValue(config, ConfigKeys.NOTIFY_PUSH_RETRY_BASE_MS, 1_000)),
      Config.longValue(config, ConfigKeys.NOTIFY_PUSH_TIMEOUT_MS, 10_000));
  }
}
