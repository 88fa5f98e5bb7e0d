package io.parley.story;

import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.StoryErrors;
import io.parley.shared.media.MediaClient;
import io.parley.story.StoryEvents.Delivery;
import io.parley.story.StoryRequests.NewStory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posting, the feed, views, the author's viewers list, deletion and the quote of a story for a
 * reply. Every write commits its change with its events' outbox rows in one transaction and
 * publishes the live events only after the commit. A story outside the caller's audience, expired
 * (by this service's clock) or deleted is 404 {@code story.not_found} alike.
 */
final class StoryService {

  private static final Logger log = LoggerFactory.getLogger(StoryService.class);
  /** What a story may show: a photo or a video (never a voice note or a file). */
  private static final List<String> MEDIA_KINDS = List.of("image", "video");

  private final Pool pool;
  private final StoryStore store;
  private final StoryEvents events;
  private final MediaClient media;
  private final StorySettings settings;
  private final Ids ids;
  private final Clock clock;

  StoryService(Pool pool, StoryStore store, StoryEvents events, MediaClient media, StorySettings settings, Clock clock) {
    this.pool = pool;
    this.store = store;
    this.events = events;
    this.media = media;
    this.settings = settings;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /** A change and the events it makes. */
  private record Written<T>(T value, List<Delivery> deliveries) {
  }

  /** Posts a story: {@code {id, author, kind, …, audience, views, createdAt, expiresAt}}. */
  Future<JsonObject> post(UUID me, NewStory request) {
    Future<JsonObject> content = request.isText() ? Future.succeededFuture(null)
      : media.attachAny(me, request.mediaId(), MEDIA_KINDS);
    return content.compose(attached -> write(tx -> {
      Instant now = DbTime.now(clock);
      Story story = new Story(ids.next(), me, attached == null ? Story.TEXT : attached.getString("kind"),
        request.mediaId(), attached == null ? null : shown(attached), request.text(), request.background(),
        request.caption(), request.audience(), now, StoryRules.expiry(now, settings.ttl()));
      return store.lockAuthor(tx, me)
        .compose(locked -> store.activeCount(tx, me, now))
        .compose(active -> {
          StoryRules.requireRoom(active, settings.maxActive());
          return story.audience().type() == Audience.Type.SELECTED
            ? store.contactsAmong(tx, me, story.audience().userIds()) : Future.succeededFuture(List.<UUID>of());
        })
        .compose(contacts -> {
          StoryRules.requireContacts(story.audience(), contacts);
          return store.insert(tx, story);
        })
        .compose(inserted -> Future.all(store.audience(tx, story.id()), store.person(tx, me)))
        .map(found -> {
          List<UUID> audience = found.resultAt(0);
          Person author = found.resultAt(1);
          return new Written<>(story.toAuthorJson(0).put("author", author.toJson()),
            List.of(events.created(story, author, audience)));
        });
    }));
  }

  /** What a story keeps of the media service's answer: what a viewer needs to show it. */
  private static JsonObject shown(JsonObject attached) {
    JsonObject shown = attached.copy();
    shown.remove("fileName");
    return shown;
  }

  /** {@code {items:[{author, stories:[…], unseen, latestAt}]}}: mine first, then authors with unseen stories. */
  Future<JsonObject> feed(UUID me) {
    Instant now = DbTime.now(clock);
    return Future.all(store.person(pool, me), store.mine(pool, me, now), store.seenBy(pool, me, now))
      .map(found -> Feed.of(found.resultAt(0), found.resultAt(1), found.resultAt(2)));
  }

  /** Records my view of a story I may see (once; my own story is no view). */
  Future<Void> view(UUID me, UUID storyId) {
    return write(tx -> visible(tx, storyId, me).compose(story -> {
      if (!StoryRules.countsAsView(story, me)) {
        return Future.succeededFuture(new Written<Void>(null, List.of()));
      }
      return store.recordView(tx, storyId, me, DbTime.now(clock)).compose(viewedAt -> viewedAt == null
        ? Future.succeededFuture(new Written<Void>(null, List.of()))
        : store.person(tx, me).map(viewer -> new Written<Void>(null, List.of(events.viewed(story, viewer, viewedAt)))));
    }));
  }

  /** Who viewed one of my stories: {@code {items:[{userId, viewedAt, user}]}}; anyone else's: 404. */
  Future<JsonObject> viewers(UUID me, UUID storyId) {
    return visible(pool, storyId, me).compose(story -> {
      if (!StoryRules.isAuthor(story, me)) {
        return Future.failedFuture(notFound());
      }
      return store.views(pool, storyId).map(views -> new JsonObject().put("items", new JsonArray(views.stream()
        .map(view -> new JsonObject().put("userId", view.viewer().id().toString())
          .put("viewedAt", view.viewedAt().toString()).put("user", view.viewer().toJson()))
        .toList())));
    });
  }

  /** Deletes one of my stories, then has its media removed. Anyone else's, or an expired one: 404. */
  Future<Void> delete(UUID me, UUID storyId) {
    return write(tx -> visible(tx, storyId, me).compose(story -> {
      if (!StoryRules.isAuthor(story, me)) {
        return Future.failedFuture(notFound());
      }
      Instant now = DbTime.now(clock);
      return store.audience(tx, storyId).compose(audience -> store.delete(tx, storyId, me, now)
        .map(deleted -> new Written<>(story, List.of(events.deleted(story, now, audience)))));
    })).compose(story -> {
      if (story.mediaId() != null) {
        // The media goes now; should this fail, nothing references it and the media orphan job takes it.
        media.release(me, List.of(story.mediaId()))
          .onFailure(failure -> log.warn("Media {} of deleted story {} not released: {}", story.mediaId(), storyId,
            failure.getMessage()));
      }
      return Future.succeededFuture();
    });
  }

  /** A story I may see now, as a reply quotes it (another service asks). */
  Future<JsonObject> reference(UUID me, UUID storyId) {
    return visible(pool, storyId, me).map(Story::toJson);
  }

  private Future<Story> visible(io.vertx.sqlclient.SqlClient client, UUID storyId, UUID me) {
    return store.visible(client, storyId, me, DbTime.now(clock))
      .compose(story -> story == null ? Future.failedFuture(notFound()) : Future.succeededFuture(story));
  }

  private static RuntimeException notFound() {
    return StoryErrors.NOT_FOUND.exception("No such story");
  }

  private <T> Future<T> write(Function<SqlConnection, Future<Written<T>>> work) {
    return pool.withTransaction(tx -> work.apply(tx)
        .compose(written -> events.append(tx, written.deliveries()).map(written)))
      .map(written -> {
        events.publish(written.deliveries());
        return written.value();
      });
  }
}
