package io.parley.gateway;

import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * One REST operation under {@code /api/v1} that the gateway forwards to the service owning its bus
 * address. The domain tables ({@link AuthApi#ROUTES}, {@link ModerationApi#ROUTES}, {@link ChatApi#ROUTES},
 * {@link MediaApi#ROUTES}, {@link NotifyApi#ROUTES}, {@link StoryApi#ROUTES}, gathered in {@link ApiTables#ALL}) are
 * the list of the REST API and its contract: {@link OpenApiDocument} builds the OpenAPI document from them. They
 * are mounted in their order, so a fixed path comes before a parameter in the same place ({@code /chats/public}
 * before {@code /chats/:chatId}).
 *
 * @param status   the answer on success: 200 or 201 with the reply as body (a service may choose
 *                 another with {@code Headers.REPLY_STATUS}), or 204 with no body
 * @param shape    how the request becomes the bus request's body
 * @param signedIn whether the caller needs a valid access token; only sign-up, sign-in and refresh do not
 * @param summary  one line for the reference
 * @param takes    the name of the request body's schema in {@code openapi/components.yaml} (JSON routes)
 * @param answers  the name of the success body's schema there (every route but a 204 one)
 * @param query    the query parameters the service reads (QUERY routes), each as text
 */
record ApiRoute(HttpMethod method, String path, String address, int status, RequestShape shape, boolean signedIn,
                String summary, String takes, String answers, List<String> query) {

  static final int NO_CONTENT = 204;

  /** An operation of a signed-in caller. */
  static ApiRoute route(HttpMethod method, String path, String address, int status, RequestShape shape) {
    return new ApiRoute(method, path, address, status, shape, true, null, null, null, List.of());
  }

  /** An operation open to anyone: the service decides from the body alone. */
  static ApiRoute open(HttpMethod method, String path, String address, int status, RequestShape shape) {
    return new ApiRoute(method, path, address, status, shape, false, null, null, null, List.of());
  }

  /** Its line in the reference and the schema of its success body (null for a 204 route). */
  ApiRoute doc(String summary, String answers) {
    return new ApiRoute(method, path, address, status, shape, signedIn, summary, takes, answers, query);
  }

  /** The schema of its JSON request body. */
  ApiRoute takes(String schema) {
    return new ApiRoute(method, path, address, status, shape, signedIn, summary, schema, answers, query);
  }

  /** The query parameters it reads. */
  ApiRoute query(String... names) {
    return new ApiRoute(method, path, address, status, shape, signedIn, summary, takes, answers, List.of(names));
  }

  /** The path as OpenAPI writes it: {@code /chats/{chatId}}. */
  String openApiPath() {
    return path.replaceAll(":(\\w+)", "{$1}");
  }

  /** The names of its path parameters, in order. */
  List<String> pathParameters() {
    return java.util.Arrays.stream(path.split("/")).filter(part -> part.startsWith(":")).map(part -> part.substring(1)).toList();
  }
}
