package io.parley.auth;

import static io.parley.auth.UserStore.at;

import io.parley.auth.ModerationRequests.NewReport;
import io.parley.shared.error.ModerationErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** All SQL on {@code reports}. */
final class ReportStore {

  private static final String UNIQUE_VIOLATION = "23505";

  /** A report as a moderator's decision needs it. */
  record Report(UUID id, String subject, UUID targetUserId, UUID chatId, Long messageSeq, String status) {

    boolean aboutMessage() {
      return "message".equals(subject);
    }
  }

  private ReportStore() {
  }

  /** Fails with 409 {@code moderation.already_reported} when the reporter has an open report of the same thing. */
  static Future<Void> insert(SqlClient tx, UUID id, UUID reporterId, UUID targetUserId, NewReport report,
                             JsonObject excerpt, Instant now) {
    return tx.preparedQuery("""
        INSERT INTO reports (id, reporter_id, subject, target_user_id, chat_id, message_seq, reason, note, excerpt, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
      .execute(Tuple.from(new Object[] {id, reporterId, report.subject(), targetUserId, report.chatId(), report.seq(),
        report.reason(), report.note(), excerpt, at(now)}))
      .<Void>mapEmpty()
      .recover(failure -> Future.failedFuture(
        failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
          ? ModerationErrors.ALREADY_REPORTED.exception("You already reported this; a moderator will look at it")
          : failure));
  }

  /** The report, locked for the decision; 404 when there is none, 409 when it was closed already. */
  static Future<Report> lockOpen(SqlClient tx, UUID id) {
    return tx.preparedQuery("""
        SELECT id, subject, target_user_id, chat_id, message_seq, status FROM reports WHERE id = $1 FOR UPDATE""")
      .execute(Tuple.of(id))
      .map(rows -> {
        if (rows.size() == 0) {
          throw ModerationErrors.REPORT_NOT_FOUND.exception("No such report");
        }
        Row row = rows.iterator().next();
        Report report = new Report(row.getUUID("id"), row.getString("subject"), row.getUUID("target_user_id"),
          row.getUUID("chat_id"), row.getLong("message_seq"), row.getString("status"));
        if (!"open".equals(report.status())) {
          throw ModerationErrors.REPORT_CLOSED.exception("This report was already " + report.status());
        }
        return report;
      });
  }

  /** Closes the report as {@code status} (resolved, dismissed) with the moderator's action and reason. */
  static Future<Void> close(SqlClient tx, UUID id, String status, UUID moderatorId, String action, String reason,
                            Instant now) {
    return tx.preparedQuery("""
        UPDATE reports SET status = $2, closed_at = $3, closed_by = $4, action = $5, action_reason = $6 WHERE id = $1""")
      .execute(Tuple.of(id, status, at(now), moderatorId, action, reason)).mapEmpty();
  }

  /**
   * Also closes every other open report of the same thing (a message deleted, a user banned), so
   * the queue does not ask twice about what was decided once.
   */
  static Future<Integer> closeSiblings(SqlClient tx, Report report, UUID moderatorId, String action, String reason,
                                       Instant now) {
    return tx.preparedQuery("""
        UPDATE reports SET status = 'resolved', closed_at = $6, closed_by = $7, action = $8, action_reason = $9
        WHERE status = 'open' AND id <> $1 AND subject = $2 AND target_user_id = $3
          AND chat_id IS NOT DISTINCT FROM $4 AND message_seq IS NOT DISTINCT FROM $5""")
      .execute(Tuple.from(new Object[] {report.id(), report.subject(), report.targetUserId(), report.chatId(),
        report.messageSeq(), at(now), moderatorId, action, reason}))
      .map(rows -> rows.rowCount());
  }

  /** A page of the queue: reports with this status, oldest first, with reporter and reported person. */
  static Future<JsonArray> page(SqlClient client, String status, int limit, Instant now) {
    return client.preparedQuery("""
        SELECT r.id, r.subject, r.chat_id, r.message_seq, r.reason, r.note, r.excerpt, r.status, r.created_at,
               r.closed_at, r.closed_by, r.action, r.action_reason,
               rep.id AS reporter_id, rep.username::text AS reporter_username, rep.display_name AS reporter_name,
               t.id AS target_id, t.username::text AS target_username, t.display_name AS target_name,
               t.suspended_until, t.banned_at,
               (SELECT count(*) FROM reports o WHERE o.target_user_id = r.target_user_id) AS target_reports,
               (SELECT count(*) FROM user_warnings w WHERE w.user_id = r.target_user_id) AS target_warnings
        FROM reports r JOIN users rep ON rep.id = r.reporter_id JOIN users t ON t.id = r.target_user_id
        WHERE r.status = $1
        ORDER BY r.created_at, r.id
        LIMIT $2""")
      .execute(Tuple.of(status, limit))
      .map(rows -> {
        JsonArray reports = new JsonArray();
        for (Row row : rows) {
          reports.add(toJson(row, now));
        }
        return reports;
      });
  }

  private static JsonObject toJson(Row row, Instant now) {
    OffsetDateTime closedAt = row.getOffsetDateTime("closed_at");
    UUID closedBy = row.getUUID("closed_by");
    JsonObject excerpt = row.getJsonObject("excerpt");
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("subject", row.getString("subject"))
      .put("chatId", row.getUUID("chat_id") == null ? null : row.getUUID("chat_id").toString())
      .put("seq", row.getLong("message_seq"))
      .put("reason", row.getString("reason"))
      .put("note", row.getString("note"))
      .put("excerpt", excerpt)
      .put("status", row.getString("status"))
      .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
      .put("closedAt", closedAt == null ? null : closedAt.toInstant().toString())
      .put("closedBy", closedBy == null ? null : closedBy.toString())
      .put("action", row.getString("action"))
      .put("actionReason", row.getString("action_reason"))
      .put("reporter", new JsonObject().put("id", row.getUUID("reporter_id").toString())
        .put("username", row.getString("reporter_username")).put("displayName", row.getString("reporter_name")))
      .put("target", new JsonObject().put("id", row.getUUID("target_id").toString())
        .put("username", row.getString("target_username")).put("displayName", row.getString("target_name"))
        .put("standing", StaffStore.Standing.of(row).toJson(now))
        .put("reports", row.getLong("target_reports")).put("warnings", row.getLong("target_warnings")));
  }
}
