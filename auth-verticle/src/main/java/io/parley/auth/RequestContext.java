package io.parley.auth;

import io.parley.shared.Headers;
import io.vertx.core.MultiMap;
import java.util.UUID;

/**
 * What the server stamped on a bus request: the caller's identity (when the gateway verified an
 * access token) and where the request came from. Identity comes only from these headers, never
 * from a request body.
 *
 * @param userId        the verified user, or null for public operations
 * @param sessionId     the verified device session, or null
 * @param clientAddress the client's network address as the gateway saw it
 * @param userAgent     the client's User-Agent, possibly empty
 */
record RequestContext(UUID userId, UUID sessionId, String clientAddress, String userAgent) {

  private static final int MAX_USER_AGENT = 512;

  static RequestContext of(MultiMap headers) {
    return new RequestContext(
      uuidOrNull(headers.get(Headers.USER_ID)),
      uuidOrNull(headers.get(Headers.SESSION_ID)),
      orEmpty(headers.get(Headers.CLIENT_ADDRESS), 64),
      orEmpty(headers.get(Headers.USER_AGENT), MAX_USER_AGENT));
  }

  private static UUID uuidOrNull(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  private static String orEmpty(String value, int maxLength) {
    // The gateway writes "null" when the client sent no User-Agent.
    if (value == null || value.equals("null")) {
      return "";
    }
    return value.length() > maxLength ? value.substring(0, maxLength) : value;
  }
}
