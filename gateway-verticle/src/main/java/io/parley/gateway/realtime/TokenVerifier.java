package io.parley.gateway.realtime;

import io.parley.gateway.RevokedSessions;
import io.parley.shared.Ids;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.CommonErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * Verifies the access token a bridge frame carries, locally with the nodes' public keys. A
 * browser cannot put an {@code Authorization} header on a WebSocket, so the token travels in the
 * frame headers ({@code "authorization": "Bearer …"}) instead: never in the URL, where proxies
 * and access logs would keep it.
 */
final class TokenVerifier {

  static final String HEADER = "authorization";
  private static final String BEARER = "Bearer ";

  private final JWTAuth jwtAuth;
  private final RevokedSessions revoked;

  TokenVerifier(JWTAuth jwtAuth, RevokedSessions revoked) {
    this.jwtAuth = jwtAuth;
    this.revoked = revoked;
  }

  /**
   * The verified identity, or a 401 failure for a missing, malformed, expired or forged token, one
   * without a user or session id (we never issue such a token), or one of a revoked session
   * ({@code auth.session_revoked}).
   */
  Future<Identity> verify(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("A bearer access token is required"));
    }
    return jwtAuth.authenticate(new TokenCredentials(authorization.substring(BEARER.length())))
      .recover(invalid -> Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("The access token is invalid or expired")))
      .compose(user -> {
        JsonObject claims = user.principal();
        if (!Ids.isUuid(claims.getValue("sub")) || !Ids.isUuid(claims.getValue("sid"))) {
          return Future.failedFuture(CommonErrors.UNAUTHENTICATED.exception("The access token names no user or session"));
        }
        if (revoked.isRevoked(claims.getString("sid"))) {
          return Future.failedFuture(AuthErrors.SESSION_REVOKED.exception("This session was signed out"));
        }
        return Future.succeededFuture(identity(user));
      });
  }

  /** Whether the session of an already verified token was revoked since (checked on every frame, in memory). */
  boolean isRevoked(Identity identity) {
    return revoked.isRevoked(identity.sessionId());
  }

  private static Identity identity(User user) {
    return new Identity(
      user.principal().getString("sub"),
      user.principal().getString("sid"),
      expiry(user) * 1000);
  }

  /** Vert.x keeps {@code exp} among the user's attributes rather than in the principal. */
  private static long expiry(User user) {
    Object exp = user.principal().getValue("exp");
    if (exp == null) {
      exp = user.attributes().getValue("exp");
    }
    if (exp == null && user.attributes().getJsonObject("accessToken") != null) {
      exp = user.attributes().getJsonObject("accessToken").getValue("exp");
    }
    return exp instanceof Number number ? number.longValue() : 0L;
  }

  /** Who is on a connection, and until when their token lets them be. */
  record Identity(String userId, String sessionId, long expiresAtMillis) {
  }
}
