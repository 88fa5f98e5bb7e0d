package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.EventSchemas;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds the chat domain's event envelopes and publishes them on {@link Address#CHAT_EVENTS}
 * once committed. Each payload says who should see it: {@code audience} {@code "members"} (every
 * member of {@code chatId}, plus {@code data.userIds} when they were just removed) or
 * {@code "user"} (only the devices of {@code userId}: private settings, delete for me, and
 * receipts in channels).
 */
final class ChatEvents {

  static final String MEMBERS = "members";
  static final String USER = "user";

  private final EventBus eventBus;
  private final Ids ids;

  ChatEvents(EventBus eventBus, Ids ids) {
    this.eventBus = eventBus;
    this.ids = ids;
  }

  /** The event of a numbered change, seen by every member. */
  EventEnvelope of(Change change) {
    return envelope(change.type(), change.time(), change.chatId(), change.toJson().put("audience", MEMBERS));
  }

  /** The event of a member's private change, seen only by that member's devices. */
  EventEnvelope of(PrivateChange change) {
    return envelope(change.type(), change.time(), change.chatId(), change.toJson());
  }

  /** An event that is not a numbered change (receipts, live-location positions). */
  EventEnvelope unnumbered(String type, UUID chatId, Instant time, String audience, JsonObject payload) {
    return envelope(type, time, chatId, payload.put("chatId", chatId.toString()).put("type", type)
      .put("time", time.toString()).put("audience", audience));
  }

  private EventEnvelope envelope(String type, Instant time, UUID chatId, JsonObject payload) {
    return new EventEnvelope(ids.next().toString(), type, time, chatId.toString(), payload, 1);
  }

  /** One publish per event, after commit; the realtime edge routes it to sockets. */
  void publish(List<EventEnvelope> events) {
    for (EventEnvelope event : events) {
      // Live-location moves reach the bus only, never the outbox: checked here as well as there.
      EventSchemas.checkInTests(event);
      eventBus.publish(Address.CHAT_EVENTS, event.toJson());
    }
  }
}
