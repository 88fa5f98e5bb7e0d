package io.parley.shared;

/**
 * Event-bus message headers stamped by the server. Domain code trusts identity only from these,
 * never from a message body: the gateway and the bridge overwrite them on every forwarded
 * message, whatever the client sent.
 */
public final class Headers {

  /** The authenticated user's id. */
  public static final String USER_ID = "x-parley-user";
  /** The authenticated device session's id. */
  public static final String SESSION_ID = "x-parley-session";
  /** Correlates a request across the gateway, the bus and the logs. */
  public static final String CORRELATION_ID = "x-correlation-id";
  /** The client's network address as the gateway saw it (for rate limits and audit). */
  public static final String CLIENT_ADDRESS = "x-parley-client-address";
  /** The client's User-Agent, for session lists and audit. */
  public static final String USER_AGENT = "x-parley-user-agent";

  /**
   * Set by a service on a reply to choose the HTTP status when it differs from the route's usual
   * one (a send retried with the same client id answers 200 instead of 201).
   */
  public static final String REPLY_STATUS = "x-parley-status";

  private Headers() {
  }
}
