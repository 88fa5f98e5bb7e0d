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
    route(GET, "/me/warnings", Address.MODERATION_MY_WARNINGS, 200, PATH).doc("The warnings moderators gave me, newest first",
      "WarningList"),
    route(GET, "/me/export", Address.AUTH_EXPORT, 200, PATH)
      .doc("My data as one JSON document: profile, warnings, chats and my own messages", "DataExport"),
    route(POST, "/reports", Address.MODERATION_REPORT, 201, JSON)
      .takes("NewReport").doc("Report a message I can see, or a user", "ReportCreated"),
    route(GET, "/moderation/reports", Address.MODERATION_REPORTS, 200, QUERY).query("status", "limit")
      .doc("Moderators: the reports of a status (open by default), oldest first, with content and context", "ReportQueue"),
    route(POST, "/moderation/reports/:reportId/actions", Address.MODERATION_REPORT_ACT, 200, JSON)
      .takes("ModerationAction").doc("Moderators: decide a report (delete the message, warn, suspend, ban, dismiss)",
        "ReportDecided"),
    route(POST, "/moderation/users/:userId/actions", Address.MODERATION_USER_ACT, 200, JSON)
      .takes("ModerationAction").doc("Moderators: warn, suspend, ban or reinstate a user without a report", "UserSanctioned"),
    route(GET, "/admin/users", Address.ADMIN_USERS, 200, QUERY).query("q", "limit")
      .doc("Admins: accounts with their roles and standing", "StaffAccountPage"),
    // Both idempotent.
    route(PUT, "/admin/users/:userId/roles/:role", Address.ADMIN_ROLE_GRANT, 204, PATH)
      .doc("Admins: grant a server role (admin or moderator)", null),
    route(DELETE, "/admin/users/:userId/roles/:role", Address.ADMIN_ROLE_REVOKE, 204, PATH)
      .doc("Admins: revoke a server role", null),
    route(GET, "/admin/settings", Address.ADMIN_SETTINGS_GET, 200, PATH)
      .doc("Admins: the registration policy, account limit and retention", "ServerSettings"),
    route(PUT, "/admin/settings", Address.ADMIN_SETTINGS_UPDATE, 200, JSON)
      .takes("ServerSettingsUpdate").doc("Admins: change the server settings", "ServerSettings"),
    route(PUT, "/admin/chats/:chatId/retention", Address.ADMIN_CHAT_RETENTION, 200, JSON)
      .takes("ChatRetentionUpdate").doc("Admins: how long one chat's messages and media are kept", "ChatRetention"),
    route(POST, "/admin/invites", Address.ADMIN_INVITE_CREATE, 201, JSON)
      .takes("NewSignUpInvite").doc("Admins: a sign-up invite code (shown once)", "SignUpInviteCreated"),
    route(GET, "/admin/invites", Address.ADMIN_INVITES, 200, PATH).doc("Admins: the sign-up invite codes", "SignUpInviteList"),
    route(POST, "/admin/announcements", Address.ADMIN_ANNOUNCE, 201, JSON)
      .takes("NewAnnouncement").doc("Admins: a notice to everyone online", "Announcement"),
    route(GET, "/admin/audit", Address.ADMIN_AUDIT, 200, QUERY).query("userId", "limit")
      .doc("Admins: the audit log, newest first, of one user or all", "AuditPage"));

  private ModerationApi() {
  }
}
