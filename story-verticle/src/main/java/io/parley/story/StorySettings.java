package io.parley.story;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The story service's configuration, read once at start.
 *
 * @param ttl               how long a story lives after posting ({@code story.ttlSeconds})
 * @param maxActive         stories one author may have that have not expired
 * @param maxTextLength     characters of a text story
 * @param maxCaptionLength  characters of a caption
 * @param maxAudienceIds    user ids a {@code selected} or {@code contacts_except} audience may list
 * @param cleanerInterval   how often the expiry job runs
 * @param cleanerBatch      expired stories one round removes
 */
record StorySettings(Duration ttl, int maxActive, int maxTextLength, int maxCaptionLength, int maxAudienceIds,
                     Duration cleanerInterval, int cleanerBatch) {

  static StorySettings from(JsonObject config) {
    return new StorySettings(
      Duration.ofSeconds(Math.max(1, Config.longValue(config, ConfigKeys.STORY_TTL, 86_400))),
      Config.integer(config, ConfigKeys.STORY_MAX_ACTIVE_PER_AUTHOR, 100),
      Config.integer(config, ConfigKeys.STORY_MAX_TEXT_LENGTH, 700),
      Config.integer(config, ConfigKeys.STORY_MAX_CAPTION_LENGTH, 700),
      Config.integer(config, ConfigKeys.STORY_MAX_AUDIENCE_IDS, 1000),
      Duration.ofSeconds(Math.max(1, Config.longValue(config, ConfigKeys.STORY_CLEANER_INTERVAL, 60))),
      Math.max(1, Config.integer(config, ConfigKeys.STORY_CLEANER_BATCH, 500)));
  }
}
