package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.presence.ChatInterest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typing indicators: relayed to the chat's other members on the nodes that hold them (those that
 * claimed the chat in {@link ChatInterest}; every node when none did or Redis cannot be read),
 * never stored. "Typing"
 * is throttled per user and chat (the client may send on every keystroke; the chat sees one
 * event every few seconds) and expires on its own at the receiver. "Stopped" goes through once
 * after a relayed "typing" and does not reset the throttle, so alternating true and false relays
 * at most two events per throttle period, not one per frame.
 */
final class Typing {

  private final Vertx vertx;
  private final LocalRouter router;
  private final Presence presence;
  private final long throttleMs;
  private final Redis claims;
  /** The previous notice's relay: a later one waits for it, so "stopped" never overtakes "typing". */
  private Future<?> relayed = Future.succeededFuture();
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
  /** The user/chat pairs whose last relayed event was "typing": only those have a "stopped" to relay. */
  private final Set<String> showing = ConcurrentHashMap.newKeySet();

  /** @param claims where nodes claim chats, or null to relay every notice to every node */
  Typing(Vertx vertx, LocalRouter router, Presence presence, long throttleMs, Redis claims) {
    this.vertx = vertx;
    this.router = router;
    this.presence = presence;
    this.throttleMs = throttleMs;
    this.claims = claims;
    // Forget throttle entries long past, so the map holds only recent typists.
    vertx.setPeriodic(60_000, tick -> {
      long cutoff = System.currentTimeMillis() - throttleMs;
      lastSent.entrySet().removeIf(entry -> {
        boolean old = entry.getValue() < cutoff - 2 * throttleMs;
        if (old) {
          showing.remove(entry.getKey());
        }
        return old;
      });
    });
  }

  Future<JsonObject> handle(ClientConnection connection, JsonObject body) {
    String chatId = body.getValue("chatId") instanceof String text ? text : null;
    boolean typing = !Boolean.FALSE.equals(body.getValue("typing"));
    if (chatId == null) {
      return Future.failedFuture(CommonErrors.INVALID_REQUEST.exception("chatId is required"));
    }
    if (!router.isMember(connection.userId(), chatId)) {
      return Future.failedFuture(CommonErrors.FORBIDDEN.exception("You are not a member of this chat"));
    }
    presence.activity(connection.userId());
    String key = connection.userId() + '/' + chatId;
    long now = System.currentTimeMillis();
    if (typing) {
      Long previous = lastSent.get(key);
      if (previous != null && now - previous < throttleMs) {
        return Future.succeededFuture(new JsonObject().put("relayed", false));
      }
      lastSent.put(key, now);
      showing.add(key);
    } else if (!showing.remove(key)) {
      return Future.succeededFuture(new JsonObject().put("relayed", false));
    }
    relay(chatId, new JsonObject()
      .put("type", "typing")
      .put("chatId", chatId)
      .put("userId", connection.userId())
      .put("typing", typing)
      .put("expiresInMs", typing ? 2 * throttleMs : 0));
    router.metrics().typingRelayed();
    return Future.succeededFuture(new JsonObject().put("relayed", true));
  }

  /** A notice missed in a race with a node's new claim is harmless: the next one comes in seconds. */
  private synchronized void relay(String chatId, JsonObject notice) {
    Future<List<String>> nodes = claims == null ? Future.succeededFuture(List.of())
      : ChatInterest.nodesOf(claims, List.of(chatId), System.currentTimeMillis(), ChatInterest.members(vertx))
        .map(claimed -> claimed.getOrDefault(chatId, List.of()))
        .otherwise(List.of());
    relayed = relayed.transform(previous -> nodes).onSuccess(claimants -> {
      if (claimants.isEmpty()) {
        vertx.eventBus().publish(Address.REALTIME_EPHEMERAL, notice);
      } else {
        claimants.forEach(node -> vertx.eventBus().send(Address.realtimeNodeEphemeral(node), notice));
      }
    });
  }
}
