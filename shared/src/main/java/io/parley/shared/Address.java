package io.parley.shared;

/**
 * Every event-bus address Parley uses, defined once.
 *
 * <p>Two families: service addresses ({@code auth.*}, {@code chat.*}, ...) are request/reply
 * endpoints between verticles and are never reachable from a browser; client addresses live
 * under {@link #CLIENT_PREFIX} and are the only ones the SockJS bridge may ever open, each one
 * explicitly (see the gateway's bridge options).
 */
public final class Address {

  /** Prefix of every address a browser may see through the bridge. */
  public static final String CLIENT_PREFIX = "client.";

  /**
   * Server-wide notices to every connected client (maintenance, a node asking its clients to
   * reconnect elsewhere). Published by the server only; browsers may listen.
   */
  public static final String CLIENT_ANNOUNCEMENTS = CLIENT_PREFIX + "announcements";

  /** Health probe every domain verticle answers: the gateway's readiness check uses it. */
  public static final String NODE_INFO = "system.node.info";

  // ---- auth service (auth-verticle) ----

  // ---- chat service (chat-verticle) ----

  private Address() {
  }
}
