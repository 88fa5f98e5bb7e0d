package io.parley.auth;

import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The request records of reports and moderation actions, each validated by its {@code from(body)}. */
final class ModerationRequests {

  /** Why something is reported: a fixed list, so the queue can be sorted and counted. */
  static final List<String> REASONS = List.of(
    "spam", "harassment", "hate", "violence", "sexual", "illegal", "impersonation", "other");
  static final int NOTE_MAX = 1000;
  static final int ACTION_REASON_MAX = 500;
  /** A suspension lasts from an hour to a year; longer is a ban. */
  static final int MAX_SUSPENSION_HOURS = 24 * 366;

  private ModerationRequests() {
  }

  /** {@code POST /reports}: a message (by chat and number) or a user, a reason, an optional note. */
  record NewReport(String subject, UUID chatId, Long seq, UUID userId, String reason, String note) {

    boolean aboutMessage() {
      return "message".equals(subject);
    }

    static NewReport from(JsonObject body) {
      String subject = oneOf(body, "subject", List.of("message", "user"));
      String reason = oneOf(body, "reason", REASONS);
      String note = Fields.optional(body, "note", NOTE_MAX);
      note = note == null ? "" : Fields.text(note, "note", true);
      if ("message".equals(subject)) {
        UUID chatId = Fields.bodyId(Fields.string(body, "chatId"), "chatId");
        Object seq = body.getValue("seq");
        if (!(seq instanceof Number number) || number.longValue() < 1 || number.doubleValue() != number.longValue()) {
          throw Fields.invalid("seq", "seq is the number of the reported message");
        }
        return new NewReport(subject, chatId, number.longValue(), null, reason, note);
      }
      return new NewReport(subject, null, null, Fields.bodyId(Fields.string(body, "userId"), "userId"), reason, note);
    }
  }

  /** {@code GET /moderation/reports?status=&limit=}: the queue, open reports by default, oldest first. */
  record ReportPage(String status, int limit) {

    static ReportPage from(JsonObject body) {
      Object value = body.getValue("status");
      String status = value == null ? "open" : value.toString();
      if (!List.of("open", "resolved", "dismissed").contains(status)) {
        throw CommonErrors.INVALID_PARAMETER.exception("status is open, resolved or dismissed",
          new JsonObject().put("field", "status"));
      }
      return new ReportPage(status, Fields.integer(body.getValue("limit"), "limit", 50, 1, 100));
    }
  }

  /**
   * A moderator's decision: {@code action} with the moderator's {@code reason} (kept in the audit
   * log and on the report), {@code hours} for a suspension.
   */
  record Action(String action, String reason, Integer hours) {

    static final List<String> ON_REPORTS = List.of("delete_message", "warn", "suspend", "ban", "dismiss");
    static final List<String> ON_USERS = List.of("warn", "suspend", "ban", "reinstate");

    static Action from(JsonObject body, List<String> allowed) {
      String action = oneOf(body, "action", allowed);
      String reason = Fields.text(Fields.required(body, "reason", ACTION_REASON_MAX), "reason", true);
      Integer hours = null;
      if ("suspend".equals(action)) {
        Object value = body.getValue("hours");
        if (!(value instanceof Number number) || number.doubleValue() != number.intValue()
          || number.intValue() < 1 || number.intValue() > MAX_SUSPENSION_HOURS) {
          throw Fields.invalid("hours", "hours is how long the suspension lasts, 1 to " + MAX_SUSPENSION_HOURS);
        }
        hours = number.intValue();
      }
      return new Action(action, reason, hours);
    }
  }

  /** {@code POST /moderation/reports/{reportId}/actions}. */
  record ReportAction(UUID reportId, Action action) {

    static ReportAction from(JsonObject body) {
      UUID reportId = Fields.id(Fields.string(body, "reportId"), "reportId");
      return new ReportAction(reportId, Action.from(body, Action.ON_REPORTS));
    }
  }

  /** {@code POST /moderation/users/{userId}/actions}. */
  record UserAction(UUID userId, Action action) {

    static UserAction from(JsonObject body) {
      UUID userId = Fields.id(Fields.string(body, "userId"), "userId");
      return new UserAction(userId, Action.from(body, Action.ON_USERS));
    }
  }

  static String oneOf(JsonObject body, String field, List<String> allowed) {
    String value = Fields.optional(body, field, 64);
    if (value == null || !allowed.contains(value)) {
      throw Fields.invalid(field, field + " is one of " + String.join(", ", allowed));
    }
    return value;
  }
}
