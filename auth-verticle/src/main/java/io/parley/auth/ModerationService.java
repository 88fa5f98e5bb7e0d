package io.parley.auth;

import io.parley.auth.ModerationRequests.Action;
import io.parley.auth.ModerationRequests.NewReport;
import io.parley.auth.ModerationRequests.ReportAction;
import io.parley.auth.ModerationRequests.ReportPage;
import io.parley.auth.ModerationRequests.UserAction;
import io.parley.auth.ReportStore.Report;
import io.parley.shared.Caller;
import io.parley.shared.Ids;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ModerationErrors;
import io.parley.shared.security.SessionRevocations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports and what moderators do about them. Anyone signed in reports a message they can see (the
 * chat service decides that, and hands over the message with its neighbours, kept on the report
 * as the moderator's context) or a user. A moderator deletes the message for everyone (through the
 * chat service's own delete, so every device updates), warns, suspends for a time, bans or
 * dismisses. A suspension or ban revokes every session of the account at once (tokens refused,
 * open sockets closed, refresh fails) and sign-in answers why. Every decision is in the audit log
 * with who took it and why.
 *
 * <p>Roles are read in the query that checks the caller's session, which every call of the auth
 * service makes anyway: no extra round trip, and a role taken away counts at the next request.
 */
final class ModerationService {

  private static final Logger log = LoggerFactory.getLogger(ModerationService.class);

  private final Pool pool;
  private final SessionStore sessions;
  private final SessionService sessionService;
  private final AuditStore audit;
  private final ChatClient chat;
  private final Ids ids;
  private final Clock clock;

  ModerationService(Pool pool, SessionStore sessions, SessionService sessionService, AuditStore audit, ChatClient chat,
                    Ids ids, Clock clock) {
    this.pool = pool;
    this.sessions = sessions;
    this.sessionService = sessionService;
    this.audit = audit;
    this.chat = chat;
    this.ids = ids;
    this.clock = clock;
  }

  /** The caller with their roles, if their session is live; else 401 as every authenticated call. */
  Future<Staff> staff(Caller request) {
    if (request.userId() == null || request.sessionId() == null) {
      return Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("A valid access token is required"));
    }
    return StaffStore.rolesOfLiveSession(pool, request.sessionId(), request.userId(), clock.instant())
      .compose(roles -> roles == null
        ? Future.failedFuture(AuthErrors.SESSION_REVOKED.exception("This session was signed out; sign in again"))
        : Future.succeededFuture(new Staff(request, roles)));
  }

  /** {@code POST /reports}: {@code {id, status}}. */
  Future<JsonObject> report(NewReport request, Caller origin) {
    return staff(origin).compose(reporter -> target(reporter, request)
      .compose(found -> {
        if (found.userId().equals(reporter.userId())) {
          return Future.failedFuture(ModerationErrors.SELF.exception("You cannot report yourself"));
        }
        UUID id = ids.next();
        Instant now = clock.instant();
        return pool.withTransaction(tx -> ReportStore.insert(tx, id, reporter.userId(), found.userId(), request,
              found.excerpt(), now)
            .compose(stored -> audit.record(tx, new AuditEntry(AuditEntry.REPORT_CREATED, found.userId(), origin.sessionId(),
              new JsonObject().put("by", reporter.userId().toString()).put("reportId", id.toString())
                .put("subject", request.subject()).put("reason", request.reason())), origin)))
          .map(done -> new JsonObject().put("id", id.toString()).put("status", "open"));
      }));
  }

  /** {@code GET /moderation/reports}: {@code {items}}, oldest first. */
  Future<JsonObject> queue(ReportPage page, Caller origin) {
    return staff(origin).map(Staff::requireModerator)
      .compose(moderator -> ReportStore.page(pool, page.status(), page.limit(), clock.instant()))
      .map(items -> new JsonObject().put("items", items));
  }

  /** {@code POST /moderation/reports/{id}/actions}: the report as closed, with what was done. */
  Future<JsonObject> actOnReport(ReportAction request, Caller origin) {
    Action action = request.action();
    return staff(origin).map(Staff::requireModerator)
      .compose(moderator -> ReportStore.lockOpen(pool, request.reportId()).compose(report -> {
        if ("delete_message".equals(action.action()) && !report.aboutMessage()) {
          return Future.failedFuture(ModerationErrors.ACTION_NOT_APPLICABLE.exception("This report is about a user, not a message"));
        }
        return mayAct(moderator, report.targetUserId(), action)
          .compose(allowed -> "delete_message".equals(action.action())
            ? chat.deleteForEveryone(origin, report.chatId(), report.messageSeq(), action.reason()).mapEmpty()
            : Future.succeededFuture())
          .compose(deleted -> decide(moderator, report, action, origin));
      }));
  }

  /** {@code POST /moderation/users/{id}/actions}: warn, suspend, ban or reinstate without a report. */
  Future<JsonObject> actOnUser(UserAction request, Caller origin) {
    Action action = request.action();
    return staff(origin).map(Staff::requireModerator)
      .compose(moderator -> SanctionStore.standing(pool, request.userId()).compose(standing -> standing == null
        ? Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user"))
        : mayAct(moderator, request.userId(), action))
        .compose(allowed -> {
          Instant now = clock.instant();
          return pool.withTransaction(tx -> sanction(tx, moderator, request.userId(), action, null, now)
            .compose(revoked -> record(tx, moderator, request.userId(), action, null, now, origin).map(revoked)));
        })
        .compose(revoked -> announce(request.userId(), revoked))
        .map(revoked -> SessionRevocations.mark(new JsonObject().put("userId", request.userId().toString())
          .put("action", action.action()).put("sessionsRevoked", revoked.size()), SessionService.strings(revoked))));
  }

  /** {@code GET /me/warnings}: the warnings I was given, newest first. */
  Future<JsonObject> myWarnings(Caller origin) {
    return staff(origin).compose(me -> SanctionStore.warningsOf(pool, me.userId()))
      .map(items -> new JsonObject().put("items", items));
  }

  private Future<JsonObject> decide(Staff moderator, Report found, Action action, Caller origin) {
    Instant now = clock.instant();
    boolean dismissed = "dismiss".equals(action.action());
    return pool.withTransaction(tx -> ReportStore.lockOpen(tx, found.id()).compose(report ->
        sanction(tx, moderator, report.targetUserId(), action, report.id(), now)
          .compose(revoked -> ReportStore.close(tx, report.id(), dismissed ? "dismissed" : "resolved", moderator.userId(),
              action.action(), action.reason(), now)
            .compose(closed -> dismissed || "warn".equals(action.action()) ? Future.succeededFuture(0)
              : ReportStore.closeSiblings(tx, report, moderator.userId(), action.action(), action.reason(), now))
            .compose(siblings -> record(tx, moderator, report.targetUserId(), action, report, now, origin))
            .map(revoked))))
      .compose(revoked -> announce(found.targetUserId(), revoked))
      .map(revoked -> SessionRevocations.mark(new JsonObject().put("id", found.id().toString())
        .put("status", dismissed ? "dismissed" : "resolved").put("action", action.action())
        .put("sessionsRevoked", revoked.size()), SessionService.strings(revoked)));
  }

  /** The sanction's own change, in the decision's transaction; completes with the sessions it revoked. */
  private Future<List<UUID>> sanction(SqlConnection tx, Staff moderator, UUID target, Action action, UUID reportId,
                                      Instant now) {
    return switch (action.action()) {
      case "warn" -> SanctionStore.warn(tx, ids.next(), target, moderator.userId(), reportId, action.reason(), now)
        .map(List.of());
      case "suspend" -> SanctionStore.suspend(tx, target, now.plus(Duration.ofHours(action.hours())))
        .compose(done -> sessions.revokeAll(tx, target, SessionStore.SUSPENDED, now));
      case "ban" -> SanctionStore.ban(tx, target, now)
        .compose(done -> sessions.revokeAll(tx, target, SessionStore.BANNED, now));
      case "reinstate" -> SanctionStore.reinstate(tx, target).map(List.of());
      default -> Future.succeededFuture(List.of());
    };
  }

  /** Warnings, suspensions and bans follow the rank rules of {@link Staff#requireMaySanction}. */
  private Future<Void> mayAct(Staff moderator, UUID target, Action action) {
    if (List.of("delete_message", "dismiss").contains(action.action())) {
      return Future.succeededFuture();
    }
    return StaffStore.rolesOf(pool, target).map(roles -> {
      moderator.requireMaySanction(target, Set.copyOf(roles));
      return null;
    });
  }

  private Future<Void> record(SqlConnection tx, Staff moderator, UUID target, Action action, Report report, Instant now,
                              Caller origin) {
    JsonObject details = new JsonObject().put("by", moderator.userId().toString()).put("reason", action.reason());
    if (report != null) {
      details.put("reportId", report.id().toString());
      if (report.aboutMessage()) {
        details.put("chatId", report.chatId().toString()).put("seq", report.messageSeq());
      }
    }
    if (action.hours() != null) {
      details.put("until", now.plus(Duration.ofHours(action.hours())).toString());
    }
    return audit.record(tx, new AuditEntry(AuditEntry.MODERATION_PREFIX + action.action(), target, origin.sessionId(),
      details), origin);
  }

  private Future<List<UUID>> announce(UUID target, List<UUID> revoked) {
    if (!revoked.isEmpty()) {
      log.info("Moderation revoked {} sessions of user {}", revoked.size(), target);
    }
    return sessionService.announceRevoked(target, revoked).map(revoked);
  }

  /** Who is reported, and for a message what the reporter saw. */
  private record Target(UUID userId, JsonObject excerpt) {
  }

  private Future<Target> target(Staff reporter, NewReport request) {
    if (request.aboutMessage()) {
      return chat.excerpt(reporter.caller(), request.chatId(), request.seq()).map(excerpt -> new Target(
        UUID.fromString(excerpt.getJsonObject("message").getString("senderId")), excerpt));
    }
    return SanctionStore.standing(pool, request.userId()).compose(standing -> standing == null
      ? Future.failedFuture(AuthErrors.USER_NOT_FOUND.exception("No such user"))
      : Future.succeededFuture(new Target(request.userId(), null)));
  }
}
