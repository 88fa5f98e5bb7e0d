package io.parley.gateway;

import io.vertx.core.http.HttpMethod;

/**
 * One REST operation under {@code /api/v1} that the gateway forwards to the service owning its bus
 * address. The domain tables ({@link AuthApi#ROUTES}, {@link ModerationApi#ROUTES}, {@link ChatApi#ROUTES}, {@link MediaApi#ROUTES},
 * {@link NotifyApi#ROUTES}, {@link StoryApi#ROUTES}) are the list of
 * the REST API; they are mounted in their order, so a fixed path comes before a parameter in the
 * same place ({@code /chats/public} before {@code /chats/:chatId}).
 *
 * @param status   the answer on success: 200 or 201 with the reply as body (a service may choose
 *                 another with {@code Headers.REPLY_STATUS}), or 204 with no body
 * @param shape    how the request becomes the bus request's body
 * @param signedIn whether the caller needs a valid access token; only sign-up, sign-in and refresh do not
 */
record ApiRoute(HttpMethod method, String path, String address, int status, RequestShape shape, boolean signedIn) {

  static final int NO_CONTENT = 204;

  /** An operation of a signed-in caller. */
  static ApiRoute route(HttpMethod method, String path, String address, int status, RequestShape shape) {
    return new ApiRoute(method, path, address, status, shape, true);
  }

  /** An operation open to anyone: the service decides from the body alone. */
  static ApiRoute open(HttpMethod method, String path, String address, int status, RequestShape shape) {
    return new ApiRoute(method, path, address, status, shape, false);
  }
}
