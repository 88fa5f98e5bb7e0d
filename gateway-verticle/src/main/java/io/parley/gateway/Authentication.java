package io.parley.gateway;

import io.parley.shared.Caller;
import io.parley.shared.Ids;
import io.parley.shared.error.AuthErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * Verifies {@code Authorization: Bearer} access tokens locally, with the public keys every node
 * holds: no call to the auth service per request. Expired, tampered, unsigned, unknown-key and
 * foreign-issuer tokens all fail here with 401.
 */
public final class Authentication {

  /** The access token's user id claim, as put there by the auth service. */
  private static final String SUBJECT_CLAIM = "sub";
  /** The access token's device session claim. */
  private static final String SESSION_CLAIM = "sid";

  private final JWTAuth jwtAuth;
  private final RevokedSessions revoked;
  private final Handler<RoutingContext> signature;

  public Authentication(Vertx vertx, JsonObject config, RevokedSessions revoked) {
    this.jwtAuth = SigningKeys.jwtAuth(vertx, config);
    this.revoked = revoked;
    this.signature = JWTAuthHandler.create(jwtAuth);
  }

  /**
   * Lets only requests with a valid access token through: signed by one of our keys, unexpired,
   * naming a user and a device session by id, and that session not revoked. A token that passes
   * the signature check but lacks either id is refused as well: it was never issued by us.
   */
  public Route protect(Route route) {
    return protect(route, false);
  }

  /** As {@link #protect(Route)}; {@code revokedToo} lets a revoked session's token through (only sign-out wants that). */
  public Route protect(Route route, boolean revokedToo) {
    return route.handler(signature).handler(ctx -> identity(ctx, revokedToo));
  }

  private void identity(RoutingContext ctx, boolean revokedToo) {
    JsonObject claims = ctx.user().principal();
    String session = claims.getString(SESSION_CLAIM);
    if (!Ids.isUuid(claims.getValue(SUBJECT_CLAIM)) || !Ids.isUuid(claims.getValue(SESSION_CLAIM))) {
      ctx.fail(CommonErrors.UNAUTHENTICATED.exception("A valid access token is required"));
    } else if (!revokedToo && revoked.isRevoked(session)) {
      ctx.fail(AuthErrors.SESSION_REVOKED.exception("This session was signed out; sign in again"));
    } else {
      ctx.next();
    }
  }

  /** The node's revoked sessions, which the bridge checks too. */
  public RevokedSessions revoked() {
    return revoked;
  }

  public JWTAuth jwtAuth() {
    return jwtAuth;
  }

  /**
   * Who makes a REST request: the user and device session of the token {@link #required()}
   * verified (none on an open route), the client's address and User-Agent, and the request's
   * correlation id. Every bus request of the REST API carries this, and only this, identity.
   */
  static Caller caller(RoutingContext ctx) {
    User user = ctx.user();
    SocketAddress client = ctx.request().remoteAddress();
    return Caller.of(
      user == null ? null : user.principal().getString(SUBJECT_CLAIM),
      user == null ? null : user.principal().getString(SESSION_CLAIM),
      client == null ? null : client.hostAddress(),
      ctx.request().getHeader("User-Agent"),
      CorrelationId.of(ctx));
  }
}
