package io.parley.auth;

import io.parley.shared.Address;
import io.parley.shared.Caller;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Device sessions seen from their owner: which are signed in, sign out of one or all others.
 * Also the gate of every authenticated call to the auth service: an access token stays valid
 * until it expires, but here a revoked session is refused at once.
 */
final class SessionService {

  private final Pool pool;
  private final SessionStore sessions;
  private final AuditStore audit;
  private final EventBus eventBus;
  private final Clock clock;

  SessionService(Pool pool, SessionStore sessions, AuditStore audit, EventBus eventBus, Clock clock) {
    this.pool = pool;
    this.sessions = sessions;
    this.audit = audit;
    this.eventBus = eventBus;
    this.clock = clock;
  }

  /** The caller, if the gateway stamped a verified identity and that device session is still live. */
  Future<Caller> authenticate(Caller request) {
    if (request.userId() == null || request.sessionId() == null) {
      return Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("A valid access token is required"));
    }
    return sessions.isActive(request.sessionId(), request.userId(), clock.instant())
      .compose(active -> active
        ? Future.succeededFuture(request)
        : Future.failedFuture(AuthErrors.SESSION_REVOKED.exception("This session was signed out; sign in again")));
  }

  /** {@code GET /sessions}: my live sessions, the one asking marked {@code current}. */
  Future<JsonObject> list(Caller request) {
    return authenticate(request)
      .compose(caller -> sessions.listActive(caller.userId(), clock.instant())
        .map(list -> new JsonObject().put("sessions", new JsonArray(
          list.stream().map(session -> session.toJson(caller.sessionId())).toList()))));
  }

  /** {@code POST /auth/logout}: revokes the calling session. Signing out twice is not an error. */
  Future<JsonObject> signOut(Caller request) {
    if (request.userId() == null || request.sessionId() == null) {
      return Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("A valid access token is required"));
    }
    return revokeOwn(request, request.userId(), request.sessionId(), SessionStore.SIGN_OUT)
      .map(revoked -> new JsonObject());
  }

  /** {@code DELETE /sessions/{id}}: revokes one of my sessions (the current one too: that signs me out). */
  Future<JsonObject> revoke(JsonObject body, Caller request) {
    UUID sessionId = Fields.id(Fields.string(body, "sessionId"), "sessionId");
    return authenticate(request)
      .compose(caller -> revokeOwn(request, caller.userId(), sessionId, SessionStore.REVOKED))
      .compose(revoked -> revoked
        ? Future.succeededFuture(new JsonObject())
        : Future.failedFuture(AuthErrors.SESSION_NOT_FOUND.exception("You have no active session with this id")));
  }

  /** {@code DELETE /sessions}: signs out every device but this one; answers how many. */
  Future<JsonObject> revokeOthers(Caller request) {
    return authenticate(request)
      .compose(caller -> pool.withTransaction(tx -> sessions
          .revokeAllExcept(tx, caller.userId(), caller.sessionId(), SessionStore.REVOKED, clock.instant())
          .compose(revoked -> audit.record(tx, new AuditEntry(AuditEntry.SESSION_REVOKED, caller.userId(), null,
              new JsonObject().put("reason", SessionStore.REVOKED).put("sessions", revoked.size())), request)
            .map(revoked)))
        .map(revoked -> {
          announceRevoked(caller.userId(), revoked);
          return new JsonObject().put("revoked", revoked.size());
        }));
  }

  /**
   * Tells the realtime layer which sessions just ended, so their open connections close now
   * rather than when their access tokens expire.
   */
  void announceRevoked(UUID userId, List<UUID> sessionIds) {
    if (!sessionIds.isEmpty()) {
      eventBus.publish(Address.AUTH_SESSIONS_REVOKED, new JsonObject()
        .put("userId", userId.toString())
        .put("sessionIds", new JsonArray(sessionIds.stream().map(UUID::toString).toList())));
    }
  }

  private Future<Boolean> revokeOwn(Caller request, UUID userId, UUID sessionId, String reason) {
    return pool.withTransaction(tx -> sessions.revoke(tx, userId, sessionId, reason, clock.instant())
        .compose(revoked -> !revoked ? Future.succeededFuture(false)
          : audit.record(tx, new AuditEntry(AuditEntry.SESSION_REVOKED, userId, sessionId,
            new JsonObject().put("reason", reason)), request).map(true)))
      .onSuccess(revoked -> {
        if (revoked) {
          announceRevoked(userId, List.of(sessionId));
        }
      });
  }
}
