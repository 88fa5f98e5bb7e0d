package io.parley.auth;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One security-relevant event for the audit log. The stored row adds the time and the
 * request's client address and user agent.
 *
 * @param userId    the account concerned, or null (a failed sign-in for an unknown login)
 * @param sessionId the device session concerned, or null
 */
record AuditEntry(String event, UUID userId, UUID sessionId, JsonObject details) {

  static final String SIGN_UP = "sign_up";
  static final String SIGN_IN = "sign_in";
  static final String SIGN_IN_FAILED = "sign_in_failed";
  static final String PASSWORD_CHANGED = "password_changed";
  static final String SESSION_REVOKED = "session_revoked";
  static final String REFRESH_REUSE = "refresh_reuse";
  static final String ACCOUNT_DELETED = "account_deleted";
  static final String SIGN_IN_REFUSED = "sign_in_refused";
  static final String REPORT_CREATED = "report_created";
  /** Followed by the moderator's action: {@code moderation.warn}, {@code moderation.suspend}, … */
  static final String MODERATION_PREFIX = "moderation.";
  /** Followed by the admin operation: {@code admin.role_granted}, {@code admin.settings_changed}, … */
  static final String ADMIN_PREFIX = "admin.";

  static AuditEntry of(String event, UUID userId, UUID sessionId) {
    return new AuditEntry(event, userId, sessionId, new JsonObject());
  }
}
