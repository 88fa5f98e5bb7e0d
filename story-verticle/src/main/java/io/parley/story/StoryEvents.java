package io.parley.story;

import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.event.AddressedEvent;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.Outbox;
import io.parley.shared.event.Topics;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The story domain's events: each goes to Kafka ({@link Topics#STORIES}, through the outbox in
 * the transaction of its change) and, once committed, live to exactly the people it is for
 * ({@link Address#REALTIME_USERS}): a new or gone story to its audience and its author's other
 * devices, a view to the author alone. The Kafka payloads carry {@code storyId} and
 * {@code authorId}, never the audience.
 */
final class StoryEvents {

  static final String CREATED = "story.created";
  static final String VIEWED = "story.viewed";
  static final String DELETED = "story.deleted";
  static final String EXPIRED = "story.expired";

  /** An event and who receives it live. */
  record Delivery(EventEnvelope event, Collection<UUID> recipients) {
  }

  private final EventBus eventBus;
  private final Ids ids;

  StoryEvents(EventBus eventBus, Ids ids) {
    this.eventBus = eventBus;
    this.ids = ids;
  }

  /** A new story, as its audience sees it (with its author, so a feed can show it without a reload). */
  Delivery created(Story story, Person author, List<UUID> audience) {
    JsonObject payload = ids(story).put("story", story.toJson().put("seen", false)).put("author", author.toJson());
    return new Delivery(envelope(CREATED, story.createdAt(), story, payload), withAuthor(audience, story.authorId()));
  }

  Delivery viewed(Story story, Person viewer, Instant viewedAt) {
    JsonObject payload = ids(story).put("viewerId", viewer.id().toString()).put("viewer", viewer.toJson())
      .put("viewedAt", viewedAt.toString());
    return new Delivery(envelope(VIEWED, viewedAt, story, payload), List.of(story.authorId()));
  }

  Delivery deleted(Story story, Instant at, List<UUID> audience) {
    return new Delivery(envelope(DELETED, at, story, ids(story)), withAuthor(audience, story.authorId()));
  }

  Delivery expired(UUID storyId, UUID authorId, Instant at, List<UUID> audience) {
    JsonObject payload = new JsonObject().put("storyId", storyId.toString()).put("authorId", authorId.toString());
    EventEnvelope event = new EventEnvelope(ids.next().toString(), EXPIRED, at, storyId.toString(), payload, 1);
    return new Delivery(event, withAuthor(audience, authorId));
  }

  /** Appends the events to the outbox in the transaction that made their change. */
  Future<Void> append(io.vertx.sqlclient.SqlClient tx, List<Delivery> deliveries) {
    return Outbox.append(tx, Topics.STORIES, deliveries.stream().map(Delivery::event).toList());
  }

  /** After the commit: each event once cluster-wide, each gateway writing it to its own recipients' sockets. */
  void publish(List<Delivery> deliveries) {
    for (Delivery delivery : deliveries) {
      eventBus.publish(Address.REALTIME_USERS, AddressedEvent.to(delivery.recipients(), delivery.event()).toJson());
    }
  }

  private EventEnvelope envelope(String type, Instant time, Story story, JsonObject payload) {
    return new EventEnvelope(ids.next().toString(), type, time, story.id().toString(), payload, 1);
  }

  private static JsonObject ids(Story story) {
    return new JsonObject().put("storyId", story.id().toString()).put("authorId", story.authorId().toString());
  }

  private static List<UUID> withAuthor(List<UUID> audience, UUID author) {
    List<UUID> recipients = new ArrayList<>(audience);
    recipients.add(author);
    return recipients;
  }
}
