package io.parley.chat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The chat domain's housekeeping: the private change log compacted, each member's superseded
 * settings changes folded away once older than {@code housekeeping.privateChangeRetentionHours}.
 */
public final class ChatHousekeeping {

  private ChatHousekeeping() {
  }

  public static List<HousekeepingJob> jobs(JsonObject config, Clock clock) {
    Duration keep = Duration.ofHours(Config.longValue(config, ConfigKeys.HOUSEKEEPING_PRIVATE_CHANGE_RETENTION_HOURS, 24));
    return List.of(HousekeepingJob.of("chat.private-changes",
      (tx, batch) -> PrivateChangeStore.compact(tx, clock.instant().minus(keep), batch)));
  }
}
