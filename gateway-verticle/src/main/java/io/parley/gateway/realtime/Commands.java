package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.Headers;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a browser may send to, and what each does. Anything not listed here is refused.
 * Service commands are forwarded over the bus with the connection's verified identity stamped in
 * the headers; ephemeral ones (typing, presence, live location) are handled at the edge.
 */
final class Commands {

  /** One command a connection may send. */
  interface Command {
    Future<JsonObject> handle(ClientConnection connection, JsonObject body);
  }

  private static final long SERVICE_TIMEOUT_MS = 10_000;

  private final Map<String, Command> byAddress = new HashMap<>();

  Commands(Vertx vertx, LocalRouter router, Presence presence, Typing typing, List<String> serviceAddresses) {
    byAddress.put(Address.REALTIME_AUTH, (connection, body) ->
      Future.succeededFuture(new JsonObject().put("userId", connection.userId())));
    byAddress.put(Address.REALTIME_TYPING, typing::handle);
    byAddress.put(Address.REALTIME_PRESENCE, (connection, body) -> {
      presence.activity(connection.userId());
      String status = body.getValue("status") instanceof String text ? text : null;
      return status == null
        ? Future.succeededFuture(new JsonObject())
        : presence.setStatus(connection.userId(), status);
    });
    byAddress.put(Address.REALTIME_LOCATION, (connection, body) -> relayLocation(vertx, router, connection, body));
    for (String address : serviceAddresses) {
      byAddress.put(address, (connection, body) -> {
        presence.activity(connection.userId());
        return forward(vertx, address, connection, body);
      });
    }
  }

  Command find(String address) {
    return byAddress.get(address);
  }

  private static Future<JsonObject> forward(Vertx vertx, String address, ClientConnection connection, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions()
      .setSendTimeout(SERVICE_TIMEOUT_MS)
      .addHeader(Headers.USER_ID, connection.userId())
      .addHeader(Headers.SESSION_ID, String.valueOf(connection.sessionId()))
      .addHeader(Headers.CORRELATION_ID, connection.id());
    return vertx.eventBus().<JsonObject>request(address, body, options).map(reply -> reply.body());
  }

  /** A live-location position, relayed to the chat's members; the chat service keeps the last one. */
  private static Future<JsonObject> relayLocation(Vertx vertx, LocalRouter router, ClientConnection connection, JsonObject body) {
    String chatId = body.getValue("chatId") instanceof String text ? text : null;
    Object latitude = body.getValue("latitude");
    Object longitude = body.getValue("longitude");
    if (chatId == null || !(latitude instanceof Number lat) || !(longitude instanceof Number lon)
      || Math.abs(lat.doubleValue()) > 90 || Math.abs(lon.doubleValue()) > 180) {
      return Future.failedFuture(CommonErrors.INVALID_REQUEST.exception("chatId, latitude (-90..90) and longitude (-180..180) are required"));
    }
    if (!router.isMember(connection.userId(), chatId)) {
      return Future.failedFuture(CommonErrors.FORBIDDEN.exception("You are not a member of this chat"));
    }
    vertx.eventBus().publish(Address.REALTIME_EPHEMERAL, new JsonObject()
      .put("type", "location")
      .put("chatId", chatId)
      .put("userId", connection.userId())
      .put("latitude", lat.doubleValue())
      .put("longitude", lon.doubleValue())
      .put("time", System.currentTimeMillis()));
    return Future.succeededFuture(new JsonObject());
  }
}
