package io.parley.gateway;

import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.PATH;
import static io.parley.gateway.RequestShape.QUERY;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.parley.shared.Address;
import java.util.List;

/**
 * The REST routes of reports, moderation and the admin area, and of a user's own warnings and data
 * export, forwarded to the auth service. Every caller needs a token; the service checks the server
 * role (moderator, admin) and answers a plain user 403 {@code auth.forbidden}. Its error codes are
 * in {@code ModerationErrors} and {@code AuthErrors}.
 */
final class ModerationApi {

  static final List<ApiRoute> ROUTES = List.of(
    route(GET, "/me/warnings", Address.MODERATION_MY_WARNINGS, 200, PATH),
    route(GET, "/me/export", Address.AUTH_EXPORT, 200, PATH),
    route(POST, "/reports", Address.MODERATION_REPORT, 201, JSON),
    route(GET, "/moderation/reports", Address.MODERATION_REPORTS, 200, QUERY),
    route(POST, "/moderation/reports/:reportId/actions", Address.MODERATION_REPORT_ACT, 200, JSON),
    route(POST, "/moderation/users/:userId/actions", Address.MODERATION_USER_ACT, 200, JSON),
    route(GET, "/admin/users", Address.ADMIN_USERS, 200, QUERY),
    // Both idempotent.
    route(PUT, "/admin/users/:userId/roles/:role", Address.ADMIN_ROLE_GRANT, 204, PATH),
    route(DELETE, "/admin/users/:userId/roles/:role", Address.ADMIN_ROLE_REVOKE, 204, PATH),
    route(GET, "/admin/settings", Address.ADMIN_SETTINGS_GET, 200, PATH),
    route(PUT, "/admin/settings", Address.ADMIN_SETTINGS_UPDATE, 200, JSON),
    route(PUT, "/admin/chats/:chatId/retention", Address.ADMIN_CHAT_RETENTION, 200, JSON),
    route(POST, "/admin/invites", Address.ADMIN_INVITE_CREATE, 201, JSON),
    route(GET, "/admin/invites", Address.ADMIN_INVITES, 200, PATH),
    route(POST, "/admin/announcements", Address.ADMIN_ANNOUNCE, 201, JSON),
    route(GET, "/admin/audit", Address.ADMIN_AUDIT, 200, QUERY));

  private ModerationApi() {
  }
}
