package io.parley.shared.story;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * What another service asks the story service ({@link Address#STORY_REFERENCE}) before it quotes
 * a story (the chat service, for a reply to a story): may this person see this story now, and
 * what is it. What the quote stores is the answer, never what a client claimed; the refusal
 * ({@code story.not_found}: no such story, outside its audience, expired or deleted) is the
 * answer to the caller's request.
 */
public final class StoryClient {

  private static final long TIMEOUT_MS = 10_000;

  private final EventBus eventBus;

  public StoryClient(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /**
   * Story {@code storyId} as {@code me} may see it now:
   * {@code {id, authorId, kind, media?:{id, contentType, width?, height?, durationMs?, thumbnail?},
   * text?, background?, caption?, createdAt, expiresAt}}.
   */
  public Future<JsonObject> reference(UUID me, UUID storyId) {
    return eventBus.<JsonObject>request(Address.STORY_REFERENCE, new JsonObject().put("storyId", storyId.toString()),
        new DeliveryOptions().addHeader(Headers.USER_ID, me.toString()).setSendTimeout(TIMEOUT_MS))
      .map(Message::body)
      .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply ? BusErrors.fromReply(reply) : failure));
  }
}
