package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typing indicators: relayed to the chat's other members on every node, never stored. "Typing"
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
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
  /** The user/chat pairs whose last relayed event was "typing": only those have a "stopped" to relay. */
  private final Set<String> showing = ConcurrentHashMap.newKeySet();

  Typing(Vertx vertx, LocalRouter router, Presence presence, long throttleMs) {
    this.vertx = vertx;
    this.router = router;
    this.presence = presence;
    this.throttleMs = throttleMs;
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
    vertx.eventBus().publish(Address.REALTIME_EPHEMERAL, new JsonObject()
      .put("type", "typing")
      .put("chatId", chatId)
      .put("userId", connection.userId())
      .put("typing", typing)
      .put("expiresInMs", typing ? 2 * throttleMs : 0));
    router.metrics().typingRelayed();
    return Future.succeededFuture(new JsonObject().put("relayed", true));
  }
}
