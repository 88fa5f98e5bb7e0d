package io.parley.gateway.realtime;

import io.parley.shared.error.ParleyException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The Vert.x event-bus bridge protocol frames the server writes, unchanged from the standard
 * bridge so the official {@code @vertx/eventbus-bridge-client.js} works against Parley.
 */
final class Frames {

  /** Protocol-level refusals, as the standard bridge names them. */
  static final String ACCESS_DENIED = "access_denied";
  static final String UNAUTHENTICATED = "unauthenticated";
  static final String TOKEN_EXPIRED = "token_expired";
  static final String INVALID_FRAME = "invalid_frame";
  static final String FRAME_TOO_LARGE = "frame_too_large";
  static final String RATE_LIMITED = "rate_limited";
  static final String SLOW_CONSUMER = "slow_consumer";
  static final String SERVICE_UNAVAILABLE = "service_unavailable";
  static final String SESSION_REVOKED = "session_revoked";

  private Frames() {
  }

  /** A message for a registered address; encoded once, written to every recipient as is. */
  static Buffer received(String address, JsonObject body) {
    return Buffer.buffer(new JsonObject().put("type", "rec").put("address", address).put("body", body).encode());
  }

  /** The reply to a command sent with a replyAddress. */
  static Buffer reply(String replyAddress, JsonObject body) {
    return received(replyAddress, body == null ? new JsonObject() : body);
  }

  /** A refusal of a frame: {@code {"type":"err","body":"access_denied"}}. */
  static Buffer refusal(String reason) {
    return Buffer.buffer(new JsonObject().put("type", "err").put("body", reason).encode());
  }

  /** A failed command: the failure code is the HTTP status, the message the JSON error body. */
  static Buffer failure(String replyAddress, ParleyException error) {
    JsonObject frame = new JsonObject()
      .put("type", "err")
      .put("failureCode", error.errorCode().status())
      .put("failureType", "RECIPIENT_FAILURE")
      .put("message", error.toJson().encode());
    if (replyAddress != null) {
      frame.put("address", replyAddress);
    }
    return Buffer.buffer(frame.encode());
  }

  static Buffer pong() {
    return Buffer.buffer("{\"type\":\"pong\"}");
  }
}
