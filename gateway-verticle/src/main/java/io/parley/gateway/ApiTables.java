package io.parley.gateway;

import static io.parley.gateway.ApiRoute.open;
import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.PATH;
import static io.parley.gateway.RequestShape.QUERY;
import static io.vertx.core.http.HttpMethod.GET;

import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ErrorCode;
import io.parley.shared.error.MediaErrors;
import io.parley.shared.error.ModerationErrors;
import io.parley.shared.error.NotifyErrors;
import io.parley.shared.error.StoryErrors;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every REST operation under {@code /api/v1}, grouped by domain: the one list the gateway mounts,
 * {@link RestApi} hands to tests and {@link OpenApiDocument} describes. A new domain adds its
 * table here with the classes of the error codes its operations may answer.
 */
final class ApiTables {

  /**
   * A domain's routes.
   *
   * @param forwarded whether {@link BusForwarder} mounts them (false for the ones the gateway answers itself)
   * @param errors    the {@code *Errors} classes whose codes these operations may answer, besides {@link CommonErrors}
   */
  record Table(String tag, String description, List<ApiRoute> routes, boolean forwarded, List<Class<?>> errors) {

    /**
     * Every code its operations may answer: the common ones, the edge's refusal of a revoked
     * session (any signed-in route), and the domain's, in declaration order.
     */
    List<ErrorCode> errorCodes() {
      return Stream.of(codesOf(CommonErrors.class), Stream.of(AuthErrors.SESSION_REVOKED), errors.stream().flatMap(ApiTables::codesOf))
        .flatMap(codes -> codes).distinct().toList();
    }
  }

  /** The operations the gateway answers itself; each is mounted by its own class and documented here. */
  static final List<ApiRoute> GATEWAY_ROUTES = List.of(
    open(GET, AuthApi.JWKS_PATH, null, 200, PATH).doc("The public keys that sign access tokens (a JSON Web Key Set)", "Jwks"),
    route(GET, PresenceApi.PATH, null, 200, QUERY).query("userIds")
      .doc("Who of the given users is online (comma-separated ids, at most 200), as far as each lets the caller see", "PresencePage"),
    open(GET, ApiDocs.DOCUMENT_PATH, null, 200, PATH).doc("This document", "OpenApiDocument"));

  static final List<Table> ALL = List.of(
    new Table("auth", "Accounts, sessions, profiles, blocks, contacts and phone numbers", AuthApi.ROUTES, true,
      List.of(AuthErrors.class, MediaErrors.class)),
    // A report of a message, a chat's retention and the export ask the chat service, whose codes they answer too.
    new Table("moderation", "Reports, moderation, the admin area, my warnings and my data export", ModerationApi.ROUTES, true,
      List.of(ModerationErrors.class, AuthErrors.class, ChatErrors.class)),
    // A reply to a story the sender may not see is refused as the story service would (story.not_found).
    new Table("chats", "Chats, members, invites, messages, receipts and sync", ChatApi.ROUTES, true,
      List.of(ChatErrors.class, MediaErrors.class, StoryErrors.class)),
    new Table("media", "Uploads and downloads of images, video, audio and documents", MediaApi.ROUTES, true, List.of(MediaErrors.class)),
    // A chat's notification settings are refused for a chat the caller is not in as the chat service would.
    new Table("notifications", "Notifications, their settings and Web Push", NotifyApi.ROUTES, true,
      List.of(NotifyErrors.class, ChatErrors.class)),
    // A photo or video story is a media of the poster's, refused with the media service's codes.
    new Table("stories", "Stories of my contacts: post, the feed, views, delete", StoryApi.ROUTES, true,
      List.of(StoryErrors.class, MediaErrors.class)),
    new Table("gateway", "Answered at the edge: signing keys, presence, this document", GATEWAY_ROUTES, false, List.of()));

  private ApiTables() {
  }

  /** Every route of every table, in mounting order. */
  static List<ApiRoute> routes() {
    return ALL.stream().flatMap(table -> table.routes().stream()).toList();
  }

  /**
   * The stable name of each route in the document: its bus address, with the method appended when
   * several routes share one ({@code chat.sync.get}, {@code chat.sync.post}); the gateway's own
   * are named after their path.
   */
  static Map<ApiRoute, String> operationIds() {
    Map<String, Long> uses = new HashMap<>();
    routes().stream().filter(r -> r.address() != null).forEach(r -> uses.merge(r.address(), 1L, Long::sum));
    Map<ApiRoute, String> ids = new java.util.LinkedHashMap<>();
    for (ApiRoute route : routes()) {
      String id = route.address() == null ? "gateway" + route.path().replaceAll("[^A-Za-z0-9]+", ".")
        : uses.get(route.address()) > 1 ? route.address() + "." + route.method().name().toLowerCase() : route.address();
      ids.put(route, id);
    }
    return ids;
  }

  private static Stream<ErrorCode> codesOf(Class<?> errors) {
    List<ErrorCode> codes = new ArrayList<>();
    for (Field field : errors.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ErrorCode.class) {
        try {
          codes.add((ErrorCode) field.get(null));
        } catch (IllegalAccessException unreachable) {
          throw new IllegalStateException(unreachable);
        }
      }
    }
    return codes.stream();
  }
}
