package io.parley.media;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;

/**
 * The media service's limits and times, from the {@code media} section of the configuration
 * (defaults in {@code conf/parley.json}; the same here for a configuration without the section).
 */
record MediaSettings(Duration uploadUrlTtl, Duration downloadUrlTtl, Duration pendingTtl, Duration unreferencedTtl,
                     int maxPendingPerUser, Map<MediaKind, Long> maxBytes, long maxImagePixels, int thumbnailSize,
                     int workers, int maxQueuedJobs, Duration orphanInterval, int orphanBatch) {

  /** Downloads are never signed for longer: a URL that leaked stops working within the hour. */
  static final Duration LONGEST_DOWNLOAD = Duration.ofHours(1);

  static MediaSettings from(JsonObject config) {
    Duration download = seconds(config, ConfigKeys.MEDIA_DOWNLOAD_URL_TTL, 3600);
    if (download.compareTo(LONGEST_DOWNLOAD) > 0 || download.isZero() || download.isNegative()) {
      throw new IllegalStateException(ConfigKeys.MEDIA_DOWNLOAD_URL_TTL + " must be between 1 and 3600 seconds");
    }
    return new MediaSettings(
      seconds(config, ConfigKeys.MEDIA_UPLOAD_URL_TTL, 900),
      download,
      seconds(config, ConfigKeys.MEDIA_PENDING_TTL, 3600),
      seconds(config, ConfigKeys.MEDIA_UNREFERENCED_TTL, 86_400),
      Config.integer(config, ConfigKeys.MEDIA_MAX_PENDING_PER_USER, 20),
      Map.of(
        MediaKind.IMAGE, Config.longValue(config, ConfigKeys.MEDIA_MAX_BYTES_IMAGE, 25L << 20),
        MediaKind.VIDEO, Config.longValue(config, ConfigKeys.MEDIA_MAX_BYTES_VIDEO, 512L << 20),
        MediaKind.AUDIO, Config.longValue(config, ConfigKeys.MEDIA_MAX_BYTES_AUDIO, 100L << 20),
        MediaKind.DOCUMENT, Config.longValue(config, ConfigKeys.MEDIA_MAX_BYTES_DOCUMENT, 100L << 20)),
      Config.longValue(config, ConfigKeys.MEDIA_MAX_IMAGE_PIXELS, 50_000_000L),
      Config.integer(config, ConfigKeys.MEDIA_THUMBNAIL_SIZE, 320),
      Config.integer(config, ConfigKeys.MEDIA_WORKERS, 2),
      Config.integer(config, ConfigKeys.MEDIA_MAX_QUEUED_JOBS, 32),
      seconds(config, ConfigKeys.MEDIA_ORPHAN_INTERVAL, 300),
      Config.integer(config, ConfigKeys.MEDIA_ORPHAN_BATCH, 500));
  }

  long maxBytes(MediaKind kind) {
    return maxBytes.get(kind);
  }

  private static Duration seconds(JsonObject config, String key, long fallback) {
    return Duration.ofSeconds(Config.longValue(config, key, fallback));
  }
}
