package io.parley.gateway.realtime;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The addresses a browser may send to, and what each does. Anything not listed here is refused.
 * Service commands are forwarded over the bus with the connection's verified identity stamped in
 * the headers; ephemeral ones (typing, presence) are handled at the edge. Live-location positions
 * are checked for shape here and forwarded to the chat service, which keeps the last one.
 */
final class Commands {

  /** One command a connection may send. */
  interface Command {
    Future<JsonObject> handle(ClientConnection connection, JsonObject body);
  }

  private static final long SERVICE_TIMEOUT_MS = 10_000;

  private final Map<String, Command> byAddress = new HashMap<>();
  private final Vertx vertx;
  private final Presence presence;

  Commands(Vertx vertx, Presence presence, Typing typing, List<String> serviceAddresses) {
    this.vertx = vertx;
    this.presence = presence;
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
    byAddress.put(Address.REALTIME_LOCATION, (connection, body) -> {
      presence.activity(connection.userId());
      return relayLocation(vertx, connection, body);
    });
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

  /** A connection's pipelined sends in one request, stored in their order ({@link SendPipeline}). */
  Future<JsonObject> sendBatch(ClientConnection connection, List<JsonObject> sends) {
    presence.activity(connection.userId());
    return forward(vertx, Address.CHAT_MESSAGE_SEND_BATCH, connection, new JsonObject().put("messages", new JsonArray(sends)));
  }

  private static Future<JsonObject> forward(Vertx vertx, String address, ClientConnection connection, JsonObject body) {
    DeliveryOptions options = connection.caller().stamp(new DeliveryOptions().setSendTimeout(SERVICE_TIMEOUT_MS));
    return vertx.eventBus().<JsonObject>request(address, body, options).map(reply -> reply.body());
  }

  /**
   * A live-location position {@code {chatId, messageSeq, latitude, longitude}}: a malformed one is
   * refused here, without a trip to the chat service; a well-formed one goes to
   * {@link Address#CHAT_LOCATION_UPDATE}, which decides whether the caller may move it, keeps it as
   * the last position and publishes it to the chat's members ({@code location.updated}).
   */
  private static Future<JsonObject> relayLocation(Vertx vertx, ClientConnection connection, JsonObject body) {
    String chatId = body.getValue("chatId") instanceof String text ? text : null;
    Object messageSeq = body.getValue("messageSeq");
    Object latitude = body.getValue("latitude");
    Object longitude = body.getValue("longitude");
    if (chatId == null || !(messageSeq instanceof Integer || messageSeq instanceof Long)
      || !(latitude instanceof Number lat) || !(longitude instanceof Number lon)
      || Math.abs(lat.doubleValue()) > 90 || Math.abs(lon.doubleValue()) > 180) {
      return Future.failedFuture(CommonErrors.INVALID_REQUEST.exception(
        "chatId, messageSeq, latitude (-90..90) and longitude (-180..180) are required"));
    }
    return forward(vertx, Address.CHAT_LOCATION_UPDATE, connection, body);
  }
}
