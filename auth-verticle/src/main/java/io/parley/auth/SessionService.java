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
import io.parley.shared.security.SessionRevocations;
import io.vertx.redis.client.Redis;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device sessions seen from their owner: which are signed in, sign out of one or all others.
 * Also the gate of every authenticated call to the auth service: an access token stays valid
 * until it expires, but here a revoked session is refused at once.
 */
final class SessionService {

  private static final Logger log = LoggerFactory.getLogger(SessionService.class);

  private final Pool pool;
  private final SessionStore sessions;
  private final AuditStore audit;
  private final EventBus eventBus;
  private final Clock clock;
  private final Redis redis;
  private final Duration accessTokenTtl;

  SessionService(Pool pool, SessionStore sessions, AuditStore audit, EventBus eventBus, Clock clock, Redis redis,
                 Duration accessTokenTtl) {
    this.pool = pool;
    this.sessions = sessions;
    this.audit = audit;
    this.eventBus = eventBus;
    this.clock = clock;
    this.redis = redis;
    this.accessTokenTtl = accessTokenTtl;
  }

  Pool pool() {
    return pool;
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
      .map(revoked -> SessionRevocations.mark(new JsonObject(), List.of(request.sessionId().toString())));
  }

  /** {@code DELETE /sessions/{id}}: revokes one of my sessions (the current one too: that signs me out). */
  Future<JsonObject> revoke(JsonObject body, Caller request) {
    UUID sessionId = Fields.id(Fields.string(body, "sessionId"), "sessionId");
    return authenticate(request)
      .compose(caller -> revokeOwn(request, caller.userId(), sessionId, SessionStore.REVOKED))
      .compose(revoked -> revoked
        ? Future.succeededFuture(SessionRevocations.mark(new JsonObject(), List.of(sessionId.toString())))
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
        .compose(revoked -> announceRevoked(caller.userId(), revoked)
          .map(announced -> SessionRevocations.mark(new JsonObject().put("revoked", revoked.size()), strings(revoked)))));
  }

  /**
   * Tells every gateway which sessions just ended, so their tokens stop working at once and their
   * open connections close, rather than when the access tokens expire: first in Redis (for
   * gateways that start later or missed the event), then as an event. Completes when both were
   * attempted; Redis being down does not fail the revocation, which is already committed.
   */
  Future<Void> announceRevoked(UUID userId, List<UUID> sessionIds) {
    if (sessionIds.isEmpty()) {
      return Future.succeededFuture();
    }
    long now = clock.millis();
    long liveUntil = now + accessTokenTtl.toMillis() + SessionRevocations.CLOCK_SKEW_MS;
    List<String> ids = sessionIds.stream().map(UUID::toString).toList();
    return SessionRevocations.record(redis, ids, liveUntil, now)
      .recover(unreachable -> {
        log.warn("Revoked sessions {} not written to Redis ({}); gateways learn them from the event", ids, unreachable.getMessage());
        return Future.succeededFuture();
      })
      .onComplete(written -> eventBus.publish(Address.AUTH_SESSIONS_REVOKED, new JsonObject()
        .put("userId", userId.toString())
        .put("sessionIds", new JsonArray(ids))
        .put("liveUntil", liveUntil)));
  }

  private Future<Boolean> revokeOwn(Caller request, UUID userId, UUID sessionId, String reason) {
    return pool.withTransaction(tx -> sessions.revoke(tx, userId, sessionId, reason, clock.instant())
        .compose(revoked -> !revoked ? Future.succeededFuture(false)
          : audit.record(tx, new AuditEntry(AuditEntry.SESSION_REVOKED, userId, sessionId,
            new JsonObject().put("reason", reason)), request).map(true)))
      .compose(revoked -> revoked ? announceRevoked(userId, List.of(sessionId)).map(true) : Future.succeededFuture(false));
  }

  static List<String> strings(List<UUID> ids) {
    return ids.stream().map(UUID::toString).toList();
  }
}
