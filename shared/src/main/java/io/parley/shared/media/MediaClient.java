package io.parley.shared.media;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * What another service asks the media service ({@link Address#MEDIA_ATTACH}) before it stores a
 * reference to a media (a message, a profile picture, a chat's picture, a story): is this the caller's
 * ready media of this kind, and what is it. The metadata stored with the reference is the answer,
 * never what a client claimed; a refusal ({@code media.not_found}, {@code media.not_ready},
 * {@code media.kind_mismatch}) is the answer to the caller's request.
 */
public final class MediaClient {

  private static final long TIMEOUT_MS = 10_000;

  private final EventBus eventBus;

  public MediaClient(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /**
   * The metadata of media {@code mediaId}, which {@code me} is about to reference as a {@code kind}
   * ({@code image}, {@code video}, {@code audio}, {@code document}):
   * {@code {id, kind, contentType, size, fileName?, width?, height?, durationMs?, thumbnail?:{width, height}}}.
   */
  public Future<JsonObject> attach(UUID me, UUID mediaId, String kind) {
    return request(me, Address.MEDIA_ATTACH, new JsonObject().put("mediaId", mediaId.toString()).put("kind", kind));
  }

  /**
   * The same for a reference that takes any of several kinds (a story shows an image or a video):
   * the answer's {@code kind} says which it is.
   */
  public Future<JsonObject> attachAny(UUID me, UUID mediaId, List<String> kinds) {
    return request(me, Address.MEDIA_ATTACH, new JsonObject().put("mediaId", mediaId.toString())
      .put("kinds", new JsonArray(kinds)));
  }

  /**
   * The reference to these media of {@code owner}'s is gone (a story expired or was deleted):
   * whichever nothing else references are removed now, by the media service's own removal.
   * Completes with the ids removed.
   */
  public Future<List<UUID>> release(UUID owner, List<UUID> mediaIds) {
    return request(owner, Address.MEDIA_RELEASE, new JsonObject()
        .put("mediaIds", new JsonArray(mediaIds.stream().map(UUID::toString).toList())))
      .map(reply -> reply.getJsonArray("released", new JsonArray()).stream().map(id -> UUID.fromString((String) id)).toList());
  }

  private Future<JsonObject> request(UUID me, String address, JsonObject body) {
    return eventBus.<JsonObject>request(address, body,
        new DeliveryOptions().addHeader(Headers.USER_ID, me.toString()).setSendTimeout(TIMEOUT_MS))
      .map(Message::body)
      .recover(failure -> Future.failedFuture(failure instanceof ReplyException reply ? BusErrors.fromReply(reply) : failure));
  }
}
