package io.parley.chat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.housekeeping.HousekeepingJob;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import io.parley.shared.Ids;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat domain's housekeeping: the private change log compacted, each member's superseded
 * settings changes folded away once older than {@code housekeeping.privateChangeRetentionHours};
 * and the admin's message and media retention enforced ({@link RetentionJob}).
 */
public final class ChatHousekeeping {

  private ChatHousekeeping() {
  }

  /** The compaction and the retention job, which publishes the deletions it commits on {@code eventBus}. */
  public static List<HousekeepingJob> jobs(JsonObject config, Clock clock, EventBus eventBus) {
    MessageStore messages = new MessageStore();
    ChatEvents events = new ChatEvents(eventBus, new Ids(clock));
    ModerationDeletes deletes = new ModerationDeletes(messages,
      new MessageChanges(new ChatStore(), messages, new ChangeStore(), events));
    List<HousekeepingJob> jobs = new ArrayList<>(jobs(config, clock));
    jobs.add(new RetentionJob(deletes, events, clock));
    return jobs;
  }

  /** The compaction alone. */
  public static List<HousekeepingJob> jobs(JsonObject config, Clock clock) {
    Duration keep = Duration.ofHours(Config.longValue(config, ConfigKeys.HOUSEKEEPING_PRIVATE_CHANGE_RETENTION_HOURS, 24));
    return List.of(HousekeepingJob.of("chat.private-changes",
      (tx, batch) -> PrivateChangeStore.compact(tx, clock.instant().minus(keep), batch)));
  }
}
