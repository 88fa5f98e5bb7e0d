package io.parley.auth;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The request records of the admin area, each validated by its {@code from(body)}. */
final class AdminRequests {

  static final int MAX_RETENTION_DAYS = 36_500;
  static final int MAX_ACCOUNTS = 100_000_000;
  static final int ANNOUNCEMENT_MAX = 500;
  static final int MAX_INVITE_HOURS = 24 * 366;

  private AdminRequests() {
  }

  /** A limit in an update: absent (keep), or a number where 0 means "no limit" (stored as null). */
  record Limit(boolean present, Integer value) {

    static final Limit KEEP = new Limit(false, null);

    static Limit from(JsonObject body, String field, int max) {
      if (!body.containsKey(field)) {
        return KEEP;
      }
      Integer value = whole(body.getValue(field), field, 0, max);
      return new Limit(true, value == null || value == 0 ? null : value);
    }
  }

  /** {@code PUT /admin/settings}: only the fields present change. */
  record SettingsUpdate(String registration, Limit maxAccounts, Limit messageRetentionDays, Limit mediaRetentionDays) {

    static SettingsUpdate from(JsonObject body) {
      String registration = null;
      if (body.containsKey("registration")) {
        registration = ModerationRequests.oneOf(body, "registration",
          List.of(ServerSettings.OPEN, ServerSettings.INVITE, ServerSettings.CLOSED));
      }
      SettingsUpdate update = new SettingsUpdate(registration, Limit.from(body, "maxAccounts", MAX_ACCOUNTS),
        Limit.from(body, "messageRetentionDays", MAX_RETENTION_DAYS),
        Limit.from(body, "mediaRetentionDays", MAX_RETENTION_DAYS));
      if (registration == null && !update.maxAccounts.present() && !update.messageRetentionDays.present()
        && !update.mediaRetentionDays.present()) {
        throw Fields.invalid("registration", "Name at least one of registration, maxAccounts, messageRetentionDays, mediaRetentionDays");
      }
      return update;
    }
  }

  /** {@code PUT /admin/chats/{chatId}/retention}: absent, null or 0 = the server's setting. */
  record ChatRetention(UUID chatId, Integer messageRetentionDays, Integer mediaRetentionDays) {

    static ChatRetention from(JsonObject body) {
      UUID chatId = Fields.id(Fields.string(body, "chatId"), "chatId");
      return new ChatRetention(chatId, zeroIsNull(whole(body.getValue("messageRetentionDays"), "messageRetentionDays", 0,
        MAX_RETENTION_DAYS)), zeroIsNull(whole(body.getValue("mediaRetentionDays"), "mediaRetentionDays", 0, MAX_RETENTION_DAYS)));
    }
  }

  /** {@code POST /admin/invites}: how long the code stays valid (a week by default). */
  record NewInvite(int expiresInHours) {

    static NewInvite from(JsonObject body) {
      Integer hours = whole(body.getValue("expiresInHours"), "expiresInHours", 1, MAX_INVITE_HOURS);
      return new NewInvite(hours == null ? 24 * 7 : hours);
    }
  }

  /** {@code POST /admin/announcements}. */
  record Announcement(String text) {

    static Announcement from(JsonObject body) {
      return new Announcement(Fields.text(Fields.required(body, "text", ANNOUNCEMENT_MAX), "text", true));
    }
  }

  /** {@code PUT|DELETE /admin/users/{userId}/roles/{role}}. */
  record RoleChange(UUID userId, ServerRole role) {

    static RoleChange from(JsonObject body) {
      return new RoleChange(Fields.id(Fields.string(body, "userId"), "userId"), ServerRole.of(Fields.string(body, "role")));
    }
  }

  /** {@code GET /admin/users?q=&limit=}. */
  record AccountsPage(String text, int limit) {

    static AccountsPage from(JsonObject body) {
      Object q = body.getValue("q");
      String text = q == null || q.toString().isBlank() ? null : q.toString().strip().toLowerCase(Locale.ROOT);
      if (text != null && (text.length() > 64 || text.codePoints().anyMatch(Character::isISOControl))) {
        throw CommonErrors.INVALID_PARAMETER.exception("q is at most 64 characters", new JsonObject().put("field", "q"));
      }
      return new AccountsPage(text == null ? null : text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),
        Fields.integer(body.getValue("limit"), "limit", 50, 1, 200));
    }
  }

  /** {@code GET /admin/audit?userId=&limit=}. */
  record AuditPage(UUID userId, int limit) {

    static AuditPage from(JsonObject body) {
      String user = Fields.string(body, "userId");
      return new AuditPage(user == null ? null : Fields.id(user, "userId"),
        Fields.integer(body.getValue("limit"), "limit", 100, 1, 500));
    }
  }

  /** A whole number within bounds (JSON number, or query text), null when absent. */
  static Integer whole(Object value, String field, int min, int max) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number number && number.doubleValue() == number.longValue()
      && number.longValue() >= min && number.longValue() <= max) {
      return number.intValue();
    }
    throw Fields.invalid(field, field + " must be a whole number from " + min + " to " + max);
  }

  private static Integer zeroIsNull(Integer value) {
    return value == null || value == 0 ? null : value;
  }
}
