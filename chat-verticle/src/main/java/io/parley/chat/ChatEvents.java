package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.event.EventEnvelope;
import io.parley.shared.event.EventSchemas;
import io.parley.shared.presence.ChatInterest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the chat domain's event envelopes and hands them to the gateway nodes once committed:
 * each event only to the nodes that hold a member of its chat ({@link ChatInterest}). Each payload says who should see it: {@code audience} {@code "members"} (every
 * member of {@code chatId}, plus {@code data.userIds} when they were just removed) or
 * {@code "user"} (only the devices of {@code userId}: private settings, delete for me, and
 * receipts in channels).
 */
final class ChatEvents {

  static final String MEMBERS = "members";
  static final String USER = "user";

  private static final Logger log = LoggerFactory.getLogger(ChatEvents.class);

  private final EventBus eventBus;
  private final Ids ids;
  private final Redis interest;
  private final Supplier<Set<String>> members;
  /** The sends of the previous commit: a later commit's sends wait for them, so no lookup reorders events. */
  private Future<Void> sent = Future.succeededFuture();

  /** Events reach every gateway node: for writers too rare to be worth a lookup (housekeeping). */
  ChatEvents(EventBus eventBus, Ids ids) {
    this(eventBus, ids, null, Set::of);
  }

  /**
   * Events reach the nodes that claimed their chat in {@code interest}, as long as each claimant
   * is one of the cluster's {@code members}.
   */
  ChatEvents(EventBus eventBus, Ids ids, Redis interest, Supplier<Set<String>> members) {
    this.eventBus = eventBus;
    this.ids = ids;
    this.interest = interest;
    this.members = members;
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

  /**
   * Sends a commit's events to the gateway nodes, in the order given. An event that changes who
   * belongs to a chat is published to every node, since a node may have to start routing the chat;
   * so are the other events of that chat in the same commit, to keep their order. Any other event
   * goes once to each node of the cluster that claimed its chat (a claim left by a node gone from
   * the cluster is skipped), or to every node when none did or the claims cannot be read (Redis
   * down: slower, never lost). The claims of all the commit's chats are read in one pipeline,
   * after the commit (see {@link ChatInterest} for why that order matters).
   */
  synchronized void publish(List<EventEnvelope> events) {
    if (events.isEmpty()) {
      return;
    }
    Map<String, List<EventEnvelope>> byChat = new LinkedHashMap<>();
    for (EventEnvelope event : events) {
      // Live-location moves reach the bus only, never the outbox: checked here as well as there.
      EventSchemas.checkInTests(event);
      byChat.computeIfAbsent(event.aggregateId(), chat -> new ArrayList<>(2)).add(event);
    }
    List<String> routed = byChat.entrySet().stream()
      .filter(chat -> chat.getValue().stream().noneMatch(ChatEvents::changesMembership))
      .map(Map.Entry::getKey)
      .toList();
    Future<Map<String, List<String>>> nodes = interest == null || routed.isEmpty()
      ? Future.succeededFuture(Map.of())
      : ChatInterest.nodesOf(interest, routed, System.currentTimeMillis(), members.get()).otherwise(failure -> {
        log.warn("Could not read chat interest, publishing to every node: {}", failure.getMessage());
        return Map.of();
      });
    sent = sent.transform(previous -> nodes).map(claims -> {
      byChat.forEach((chatId, chatEvents) -> send(chatEvents, claims.getOrDefault(chatId, List.of())));
      return null;
    });
  }

  private void send(List<EventEnvelope> events, List<String> nodes) {
    for (EventEnvelope event : events) {
      JsonObject json = event.toJson();
      if (nodes.isEmpty()) {
        eventBus.publish(Address.CHAT_EVENTS, json);
      } else {
        nodes.forEach(node -> eventBus.send(Address.realtimeNode(node), json));
      }
    }
  }

  private static boolean changesMembership(EventEnvelope event) {
    return Change.CHAT_CREATED.equals(event.type()) || Change.MEMBER_CHANGED.equals(event.type());
  }
}
