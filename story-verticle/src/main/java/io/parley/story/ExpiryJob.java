package io.parley.story;

import io.parley.shared.db.DbTime;
import io.parley.shared.media.MediaClient;
import io.parley.story.StoryEvents.Delivery;
import io.parley.story.StoryStore.Removed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired stories for good: each round deletes a batch of them (their views cascade) and
 * appends {@code story.expired} for each in one transaction, then tells the audiences live and has
 * the media service remove their photos and videos. Readers never wait for it: every query
 * already leaves out a story from the instant it expires.
 *
 * <p>A cluster singleton: every story node schedules it, but a round first takes a
 * transaction-scoped advisory lock, and a node that finds it taken skips the round (as the media
 * orphan job and housekeeping do). A release that fails leaves media nothing references, which
 * the media orphan job removes later.
 */
final class ExpiryJob {

  private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
  private static final long LOCK_KEY = 0x73746f7279457870L;

  private final Vertx vertx;
  private final Pool pool;
  private final StoryStore store;
  private final StoryEvents events;
  private final MediaClient media;
  private final StorySettings settings;
  private final Clock clock;
  private long timer = -1;
  private boolean running;

  ExpiryJob(Vertx vertx, Pool pool, StoryStore store, StoryEvents events, MediaClient media, StorySettings settings,
            Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.events = events;
    this.media = media;
    this.settings = settings;
    this.clock = clock;
  }

  void start() {
    timer = vertx.setPeriodic(settings.cleanerInterval().toMillis(), tick -> {
      if (!running) {
        running = true;
        round().onFailure(failure -> log.warn("Story expiry round failed, next one in {}: {}", settings.cleanerInterval(),
          failure.getMessage())).onComplete(done -> running = false);
      }
    });
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  /** One round: completes with the stories removed (none when another node holds the job). */
  Future<List<Removed>> round() {
    Instant now = DbTime.now(clock);
    return pool.<Expired>withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked")
        .execute(Tuple.of(LOCK_KEY))
        .compose(lock -> !lock.iterator().next().getBoolean("locked") ? Future.succeededFuture(Expired.NONE)
          : store.expired(tx, now, settings.cleanerBatch()).compose(removed -> removed.isEmpty()
            ? Future.succeededFuture(Expired.NONE)
            : store.audiences(tx, removed.stream().map(Removed::id).toList()).compose(audiences -> {
              List<Delivery> deliveries = removed.stream().map(story -> events.expired(story.id(), story.authorId(), now,
                audiences.getOrDefault(story.id(), List.of()))).toList();
              return store.deleteAll(tx, removed.stream().map(Removed::id).toList())
                .compose(deleted -> events.append(tx, deliveries))
                .map(appended -> new Expired(removed, deliveries));
            }))))
      .compose(expired -> {
        if (expired.removed().isEmpty()) {
          return Future.succeededFuture(List.of());
        }
        events.publish(expired.deliveries());
        log.info("Removed {} expired stories", expired.removed().size());
        return releaseMedia(expired.removed()).map(expired.removed());
      });
  }

  private record Expired(List<Removed> removed, List<Delivery> deliveries) {
    static final Expired NONE = new Expired(List.of(), List.of());
  }

  /** Each author's media of the removed stories, released as that author (the media service checks the owner). */
  private Future<Void> releaseMedia(List<Removed> removed) {
    Map<UUID, List<UUID>> byAuthor = new LinkedHashMap<>();
    removed.stream().filter(story -> story.mediaId() != null)
      .forEach(story -> byAuthor.computeIfAbsent(story.authorId(), author -> new ArrayList<>()).add(story.mediaId()));
    List<Future<?>> releases = byAuthor.entrySet().stream()
      .<Future<?>>map(entry -> media.release(entry.getKey(), entry.getValue()).recover(failure -> {
        log.warn("Media {} of expired stories not released yet, the media orphan job will: {}", entry.getValue(),
          failure.getMessage());
        return Future.succeededFuture(List.of());
      }))
      .toList();
    return Future.all(releases).mapEmpty();
  }
}
