package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Typing indicators: relayed to the chat's other members on every node, never stored. "Typing"
 * is throttled per user and chat (the client may send on every keystroke; the chat sees one
 * event every few seconds) and expires on its own at the receiver; "stopped" always goes through.
 */
final class Typing {

  private final Vertx vertx;
  private final LocalRouter router;
  private final Presence presence;
  private final long throttleMs;
  private final Map<String, Long> lastSent = new ConcurrentHashMap<>();

  Typing(Vertx vertx, LocalRouter router, Presence presence, long throttleMs) {
    this.vertx = vertx;
    this.router = router;
    this.presence = presence;
    this.throttleMs = throttleMs;
    // Forget throttle entries long past, so the map holds only recent typists.
    vertx.setPeriodic(60_000, tick -> {
      long cutoff = System.currentTimeMillis() - throttleMs;
      lastSent.values().removeIf(sent -> sent < cutoff);
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
    } else {
      lastSent.remove(key);
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
