package io.parley.shared;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import java.util.UUID;

/**
 * Who makes a request, as the server established it: the user and device session of a verified
 * access token (both null for a public operation such as sign-in), the client's network address
 * and User-Agent, and the correlation id of the work. The edge (REST gateway, bridge) builds one
 * and {@linkplain #stamp stamps} it into the headers of the bus request; a service reads it back
 * {@linkplain #from from the message}. Identity travels only this way, never in a body.
 *
 * @param userId        the verified user, or null
 * @param sessionId     the verified device session, or null
 * @param clientAddress the client's address as the edge saw it, never null (empty when unknown)
 * @param userAgent     the client's User-Agent, never null (empty when none was sent)
 * @param correlationId correlates the request across nodes and logs, never null
 */
public record Caller(UUID userId, UUID sessionId, String clientAddress, String userAgent, String correlationId) {

  private static final int MAX_ADDRESS = 64;
  private static final int MAX_USER_AGENT = 512;
  private static final int MAX_CORRELATION_ID = 128;

  public Caller {
    clientAddress = bounded(clientAddress, MAX_ADDRESS);
    userAgent = bounded(userAgent, MAX_USER_AGENT);
    correlationId = bounded(correlationId, MAX_CORRELATION_ID);
  }

  /** A signed-in user on a device session, as the bridge knows them. */
  public static Caller user(UUID userId, UUID sessionId, String correlationId) {
    return new Caller(userId, sessionId, "", "", correlationId);
  }

  /** The caller the server-stamped headers of a bus message describe. */
  public static Caller from(Message<?> message) {
    return from(message.headers());
  }

  /** The caller described by server-stamped headers; a malformed id reads as absent. */
  public static Caller from(MultiMap headers) {
    return of(headers.get(Headers.USER_ID), headers.get(Headers.SESSION_ID),
      headers.get(Headers.CLIENT_ADDRESS), headers.get(Headers.USER_AGENT), headers.get(Headers.CORRELATION_ID));
  }

  /**
   * A caller whose ids are text, as the claims of a verified access token carry them; a missing
   * or malformed id reads as absent, so it is never stamped and a service refuses it where a user
   * is needed.
   */
  public static Caller of(String userId, String sessionId, String clientAddress, String userAgent, String correlationId) {
    return new Caller(uuidOrNull(userId), uuidOrNull(sessionId), clientAddress, userAgent, correlationId);
  }

  /**
   * Writes this caller into the headers of an outgoing bus request, replacing whatever was there.
   * Absent values are left out, never written as the text "null".
   */
  public DeliveryOptions stamp(DeliveryOptions options) {
    put(options, Headers.USER_ID, userId == null ? null : userId.toString());
    put(options, Headers.SESSION_ID, sessionId == null ? null : sessionId.toString());
    put(options, Headers.CLIENT_ADDRESS, clientAddress);
    put(options, Headers.USER_AGENT, userAgent);
    put(options, Headers.CORRELATION_ID, correlationId);
    return options;
  }

  /** Whether a verified user makes this request. */
  public boolean signedIn() {
    return userId != null;
  }

  /** The signed-in user; a request without one is refused with 401. */
  public UUID requireUser() {
    if (userId == null) {
      throw CommonErrors.UNAUTHENTICATED.exception("This request needs a signed-in user");
    }
    return userId;
  }

  /** The device session of the signed-in user; a request without one is refused with 401. */
  public UUID requireSession() {
    requireUser();
    if (sessionId == null) {
      throw CommonErrors.UNAUTHENTICATED.exception("This request needs a device session");
    }
    return sessionId;
  }

  private static void put(DeliveryOptions options, String header, String value) {
    MultiMap headers = options.getHeaders();
    if (headers != null) {
      headers.remove(header);
    }
    if (value != null && !value.isEmpty()) {
      options.addHeader(header, value);
    }
  }

  private static UUID uuidOrNull(String value) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  private static String bounded(String value, int maxLength) {
    if (value == null) {
      return "";
    }
    return value.length() > maxLength ? value.substring(0, maxLength) : value;
  }
}
