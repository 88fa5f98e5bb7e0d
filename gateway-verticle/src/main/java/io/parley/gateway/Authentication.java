package io.parley.gateway;

import io.parley.shared.Caller;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.jwt.JWTAuth;
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

  public Authentication(Vertx vertx, JsonObject config) {
    this.jwtAuth = SigningKeys.jwtAuth(vertx, config);
  }

  /** A route handler that lets only requests with a valid access token through. */
  public Handler<RoutingContext> required() {
    return JWTAuthHandler.create(jwtAuth);
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
