package io.parley.auth;

import io.parley.shared.Caller;
import io.parley.shared.Ids;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.event.Outbox;
import io.parley.shared.event.Topics;
import io.parley.shared.security.SessionRevocations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials and tokens: sign up, sign in, refresh, change password, delete the account.
 *
 * <p>Every sign-in creates a device session holding the hash of an opaque refresh token. A
 * refresh swaps that token for a new one (rotation) and pushes the session's expiry forward
 * (sliding). Presenting the token a refresh already replaced means two parties hold the
 * session's tokens, so the session is revoked: the thief's copy and the owner's both stop
 * working, and the owner signs in again.
 */
final class AuthService {

  private static final Logger log = LoggerFactory.getLogger(AuthService.class);

  private final Pool pool;
  private final UserStore users;
  private final SessionStore sessions;
  private final BlockStore blocks;
  private final AuditStore audit;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final SignInLimits limits;
  private final SessionService sessionService;
  private final UserEvents events;
  private final Ids ids;
  private final Clock clock;
  private final Duration sessionTtl;
  private final SignUpPolicy policy;

  /** A new device session with its refresh token, which exists in clear only in the answer. */
  private record Device(NewSession session, String refreshToken) {
  }

  AuthService(Pool pool, UserStore users, SessionStore sessions, BlockStore blocks, AuditStore audit,
              PasswordHasher hasher, TokenIssuer tokens, SignInLimits limits, SessionService sessionService,
              UserEvents events, Ids ids, Clock clock, Duration sessionTtl, SignUpPolicy policy) {
    this.pool = pool;
    this.users = users;
    this.sessions = sessions;
    this.blocks = blocks;
    this.audit = audit;
    this.hasher = hasher;
    this.tokens = tokens;
    this.limits = limits;
    this.sessionService = sessionService;
    this.events = events;
    this.ids = ids;
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.policy = policy;
  }

  /** Creates the account and signs it in on this device; {@code user.registered} is written with it. */
  Future<JsonObject> register(RegisterRequest request, Caller origin) {
    return limits.signUp(origin.clientAddress(), request.email())
      .compose(allowed -> hasher.hash(request.password()))
      .compose(hash -> {
        Instant now = clock.instant();
        UUID userId = ids.next();
        Device device = newDevice(userId, request.deviceName(), origin, now);
        return pool.withTransaction(tx -> policy.admit(tx, request).compose(settings -> users.insert(tx, userId, request, hash, now)
            .compose(user -> Future.all(
                policy.welcome(tx, userId, request, settings, now),
                sessions.insert(tx, device.session()),
                audit.record(tx, AuditEntry.of(AuditEntry.SIGN_UP, userId, device.session().id()), origin),
                Outbox.append(tx, Topics.USERS, events.registered(user)))
              .map(user))))
          .map(user -> signedIn(user, device));
      });
  }

  /**
   * Signs in with a username or an email. An unknown login is checked against a dummy hash and
   * refused with the same error as a wrong password, so neither the answer nor its timing tells
   * whether the account exists.
   */
  Future<JsonObject> login(LoginRequest request, Caller origin) {
    return limits.signIn(origin.clientAddress(), request.normalisedLogin())
      .compose(allowed -> request.isEmail()
        ? users.findByEmail(request.normalisedLogin())
        : users.findByUsername(request.login()))
      .compose(user -> hasher.verify(request.password(), user == null ? null : user.passwordHash())
        .compose(valid -> valid
          ? requireGoodStanding(user, origin).compose(good -> startSession(user, request, origin))
          : refuseSignIn(user, request, origin)));
  }

  /**
   * A suspended or banned account is refused after its password was right (so the answer tells
   * nothing to someone without it), with a code the app can explain and, for a suspension, until when.
   */
  private Future<Void> requireGoodStanding(UserAccount user, Caller origin) {
    Instant now = clock.instant();
    return SanctionStore.standing(pool, user.id()).compose(standing -> {
      if (standing == null || !standing.banned() && !standing.suspendedAt(now)) {
        return Future.succeededFuture();
      }
      RuntimeException refusal = standing.banned()
        ? AuthErrors.ACCOUNT_BANNED.exception("This account is banned from this server")
        : AuthErrors.ACCOUNT_SUSPENDED.exception("This account is suspended until " + standing.suspendedUntil(),
          new JsonObject().put("until", standing.suspendedUntil().toString()));
      return audit.record(pool, new AuditEntry(AuditEntry.SIGN_IN_REFUSED, user.id(), null,
          new JsonObject().put("standing", standing.toJson(now))), origin)
        .transform(recorded -> Future.failedFuture(refusal));
    });
  }

  /** Rotates the refresh token; a token that was already rotated revokes its session. */
  Future<JsonObject> refresh(RefreshRequest request, Caller origin) {
    if (!RefreshTokens.wellFormed(request.refreshToken())) {
      return Future.failedFuture(refreshInvalid());
    }
    byte[] presented = RefreshTokens.hash(request.refreshToken());
    String next = RefreshTokens.generate();
    Instant now = clock.instant();
    return sessions.rotate(presented, RefreshTokens.hash(next), origin.clientAddress(), now, now.plus(sessionTtl))
      .compose(session -> session != null
        ? Future.succeededFuture(tokens(tokens.issue(session.userId(), session.id()), next))
        : refuseRefresh(presented, origin, now));
  }

  /**
   * Replaces the password after checking the current one, and signs out every other device: a
   * password is changed because someone else may know it.
   */
  Future<JsonObject> changePassword(ChangePasswordRequest request, Caller origin) {
    return sessionService.authenticate(origin).compose(caller -> users.findById(caller.userId())
      .compose(user -> {
        UserAccount account = UserAccount.live(user);
        PasswordPolicy.check(request.newPassword(), account.username(), account.email());
        return confirmPassword(account, request.currentPassword());
      })
      .compose(confirmed -> hasher.hash(request.newPassword()))
      .compose(hash -> pool.withTransaction(tx -> {
        Instant now = clock.instant();
        return users.updatePasswordHash(tx, caller.userId(), hash, now)
          .compose(updated -> sessions.revokeAllExcept(tx, caller.userId(), caller.sessionId(),
            SessionStore.PASSWORD_CHANGED, now))
          .compose(revoked -> audit.record(tx, new AuditEntry(AuditEntry.PASSWORD_CHANGED, caller.userId(),
              caller.sessionId(), new JsonObject().put("sessionsRevoked", revoked.size())), origin)
            .map(revoked));
      }))
      .compose(revoked -> sessionService.announceRevoked(caller.userId(), revoked)
        .map(announced -> SessionRevocations.mark(new JsonObject().put("sessionsRevoked", revoked.size()),
          SessionService.strings(revoked)))));
  }

  /**
   * Deletes the account: personal data wiped, the row kept so messages still show a sender
   * ("Deleted user"), every session and block removed, {@code user.deleted} published. The
   * username and email become free for new accounts.
   */
  Future<JsonObject> deleteAccount(DeleteAccountRequest request, Caller origin) {
    return sessionService.authenticate(origin).compose(caller -> users.findById(caller.userId())
      .compose(user -> confirmPassword(UserAccount.live(user), request.password()))
      .compose(confirmed -> pool.withTransaction(tx -> {
        UUID userId = caller.userId();
        Future<List<UUID>> revoked = sessions.deleteAll(tx, userId);
        return Future.all(
            users.anonymise(tx, userId, clock.instant()),
            revoked,
            blocks.deleteAllOf(tx, userId),
            ContactStore.deleteAllOf(tx, userId),
            audit.record(tx, AuditEntry.of(AuditEntry.ACCOUNT_DELETED, userId, caller.sessionId()), origin),
            Outbox.append(tx, Topics.USERS, events.deleted(userId)))
          .map(done -> revoked.result());
      }))
      .compose(revoked -> sessionService.announceRevoked(caller.userId(), revoked).map(announced -> {
        log.info("Account {} deleted", caller.userId());
        return SessionRevocations.mark(new JsonObject(), SessionService.strings(revoked));
      })));
  }

  private Future<JsonObject> startSession(UserAccount user, LoginRequest request, Caller origin) {
    Future<String> upgradedHash = hasher.needsRehash(user.passwordHash())
      ? hasher.hash(request.password())
      : Future.succeededFuture(null);
    return upgradedHash.compose(newHash -> {
      Instant now = clock.instant();
      Device device = newDevice(user.id(), request.deviceName(), origin, now);
      return pool.withTransaction(tx -> Future.all(
            sessions.insert(tx, device.session()),
            audit.record(tx, AuditEntry.of(AuditEntry.SIGN_IN, user.id(), device.session().id()), origin),
            Outbox.append(tx, Topics.USERS, events.signedIn(device.session())),
            policy.grantConfiguredAdmin(tx, user.id(), user.email(), now),
            newHash == null ? Future.succeededFuture() : users.updatePasswordHash(tx, user.id(), newHash, now)))
        .map(done -> signedIn(user, device));
    });
  }

  private Future<JsonObject> refuseSignIn(UserAccount user, LoginRequest request, Caller origin) {
    // Not the login itself: people type passwords into the login field, and an audit log must not
    // keep them. The digest still shows one login tried from many addresses.
    AuditEntry failure = new AuditEntry(AuditEntry.SIGN_IN_FAILED, user == null ? null : user.id(), null,
      new JsonObject().put("loginDigest", Digests.of(request.normalisedLogin())));
    return audit.record(pool, failure, origin)
      .onFailure(notRecorded -> log.warn("Could not record a failed sign-in: {}", notRecorded.getMessage()))
      .transform(recorded -> Future.failedFuture(
        AuthErrors.INVALID_CREDENTIALS.exception("Wrong username, email or password")));
  }

  private Future<JsonObject> refuseRefresh(byte[] presented, Caller origin, Instant now) {
    return pool.withTransaction(tx -> sessions.revokeByReusedToken(tx, presented, now)
        .compose(session -> session == null ? Future.succeededFuture(null)
          : audit.record(tx, AuditEntry.of(AuditEntry.REFRESH_REUSE, session.userId(), session.id()), origin)
            .map(session)))
      .compose(session -> {
        if (session == null) {
          return Future.failedFuture(refreshInvalid());
        }
        log.warn("Refresh token reused: session {} of user {} revoked", session.id(), session.userId());
        return sessionService.announceRevoked(session.userId(), List.of(session.id()))
          .transform(announced -> Future.failedFuture(AuthErrors.REFRESH_INVALID.exception(
            "This refresh token was already used, so the session was signed out for safety; sign in again")));
      });
  }

  /** The password confirming a sensitive change; its guesses count against the sign-in limit. */
  private Future<UserAccount> confirmPassword(UserAccount user, String password) {
    return limits.passwordConfirmation(user.id())
      .compose(allowed -> hasher.verify(password, user.passwordHash()))
      .compose(valid -> valid
        ? Future.succeededFuture(user)
        : Future.failedFuture(AuthErrors.WRONG_PASSWORD.exception("The password is not correct")));
  }

  private Device newDevice(UUID userId, String deviceName, Caller origin, Instant now) {
    String refreshToken = RefreshTokens.generate();
    NewSession session = new NewSession(ids.next(), userId, RefreshTokens.hash(refreshToken), deviceName,
      origin.userAgent(), origin.clientAddress(), now, now.plus(sessionTtl));
    return new Device(session, refreshToken);
  }

  private JsonObject signedIn(UserAccount user, Device device) {
    return tokens(tokens.issue(user.id(), device.session().id()), device.refreshToken())
      .put("user", user.toPrivateJson());
  }

  private static JsonObject tokens(AccessToken access, String refreshToken) {
    return new JsonObject()
      .put("accessToken", access.token())
      .put("refreshToken", refreshToken)
      .put("expiresIn", access.expiresIn());
  }


  private static RuntimeException refreshInvalid() {
    return AuthErrors.REFRESH_INVALID.exception("The refresh token is unknown, expired or revoked; sign in again");
  }
}
