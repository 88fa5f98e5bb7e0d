package io.parley.chat;

import io.parley.shared.Headers;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One request to the chat service: who asks (only ever from the server-stamped header) and what
 * they sent. Ids of the chat, message or member concerned are fields of the body.
 */
public record BusRequest(UUID userId, JsonObject body) {

  /** Reads a bus message; a request without a valid stamped identity is refused with 401. */
  public static BusRequest of(Message<JsonObject> message) {
    String user = message.headers().get(Headers.USER_ID);
    if (user == null) {
      throw CommonErrors.UNAUTHENTICATED.exception("This request needs a signed-in user");
    }
    try {
      return new BusRequest(UUID.fromString(user), message.body() == null ? new JsonObject() : message.body());
    } catch (IllegalArgumentException notAnId) {
      throw CommonErrors.UNAUTHENTICATED.exception("This request needs a signed-in user");
    }
  }

  /** The chat the request is about ({@code chatId}, required). */
  public UUID chatId() {
    return Fields.uuid(body, "chatId");
  }
}
