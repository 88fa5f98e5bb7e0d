package io.parley.gateway.realtime;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;

/** Limits of a bridge connection, from the {@code realtime} section of the configuration. */
record RealtimeSettings(int maxFrameBytes, double framesPerSecond, double frameBurst, int writeQueueBytes, int maxQueuedFrames, long slowClientGraceMs,
                        long authenticationTimeoutMs, int maxRefusals, long typingThrottleMs,
                        long presenceGraceMs, long presenceTtlMs, long awayAfterMs) {

  static RealtimeSettings from(JsonObject config) {
    return new RealtimeSettings(
      Config.integer(config, ConfigKeys.REALTIME_MAX_FRAME_BYTES, 16 * 1024),
      Config.integer(config, ConfigKeys.REALTIME_FRAMES_PER_SECOND, 20),
      Config.integer(config, ConfigKeys.REALTIME_FRAME_BURST, 40),
      Config.integer(config, ConfigKeys.REALTIME_WRITE_QUEUE_BYTES, 256 * 1024),
      Config.integer(config, ConfigKeys.REALTIME_MAX_QUEUED_FRAMES, 10_000),
      Config.longValue(config, ConfigKeys.REALTIME_SLOW_CLIENT_GRACE_MS, 5_000),
      Config.longValue(config, ConfigKeys.REALTIME_AUTHENTICATION_TIMEOUT_MS, 10_000),
      Config.integer(config, ConfigKeys.REALTIME_MAX_REFUSALS, 20),
      Config.longValue(config, ConfigKeys.REALTIME_TYPING_THROTTLE_MS, 3_000),
      Config.longValue(config, ConfigKeys.REALTIME_PRESENCE_GRACE_MS, 5_000),
      Config.longValue(config, ConfigKeys.REALTIME_PRESENCE_TTL_MS, 45_000),
      Config.longValue(config, ConfigKeys.REALTIME_AWAY_AFTER_MS, 60_000));
  }
}
