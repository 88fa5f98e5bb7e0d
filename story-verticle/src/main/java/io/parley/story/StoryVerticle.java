package io.parley.story;

import io.parley.shared.Address;
import io.parley.shared.BusEndpoints;
import io.parley.shared.Ids;
import io.parley.shared.infra.Connections;
import io.parley.shared.media.MediaClient;
import io.parley.story.StoryStore.Removed;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;

/**
 * The story service on the event bus: post ({@link Address#STORY_CREATE}), the feed
 * ({@link Address#STORY_FEED}), views ({@link Address#STORY_VIEW}, {@link Address#STORY_VIEWERS}),
 * deletion ({@link Address#STORY_DELETE}) and the quote of a story for a reply
 * ({@link Address#STORY_REFERENCE}), and the expiry job. Each consumer reads the caller from the
 * stamped headers, parses the body into its request and answers what the service returns. Any
 * number of instances on any nodes may run. The clock is injectable: tests move it instead of
 * waiting a day.
 */
public final class StoryVerticle extends VerticleBase {

  private final Clock clock;
  private ExpiryJob expiry;

  public StoryVerticle() {
    this(Clock.systemUTC());
  }

  public StoryVerticle(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    StorySettings settings = StorySettings.from(config());
    Pool pool = Connections.postgres(vertx, config());
    StoryStore store = new StoryStore();
    StoryEvents events = new StoryEvents(vertx.eventBus(), new Ids(clock));
    MediaClient media = new MediaClient(vertx.eventBus());
    StoryService stories = new StoryService(pool, store, events, media, settings, clock);
    expiry = new ExpiryJob(vertx, pool, store, events, media, settings, clock);
    expiry.start();
    JsonObject none = new JsonObject();
    return Future.all(List.of(
      serve(Address.STORY_CREATE, (me, body) -> stories.post(me, StoryRequests.NewStory.from(body, settings))),
      serve(Address.STORY_FEED, (me, body) -> stories.feed(me)),
      serve(Address.STORY_VIEW, (me, body) -> stories.view(me, StoryRequests.storyId(body)).map(none)),
      serve(Address.STORY_VIEWERS, (me, body) -> stories.viewers(me, StoryRequests.storyId(body))),
      serve(Address.STORY_DELETE, (me, body) -> stories.delete(me, StoryRequests.storyId(body)).map(none)),
      serve(Address.STORY_REFERENCE, (me, body) -> stories.reference(me, StoryRequests.storyId(body)))));
  }

  /** One round of the expiry job now (tests, after moving the clock). */
  public Future<Integer> expireNow() {
    return expiry.round().map(List<Removed>::size);
  }

  @Override
  public Future<?> stop() {
    if (expiry != null) {
      expiry.stop();
    }
    return Future.succeededFuture();
  }

  private Future<Void> serve(String address, BusEndpoints.UserWork<JsonObject> work) {
    return BusEndpoints.serveUser(vertx.eventBus(), address, work);
  }
}
