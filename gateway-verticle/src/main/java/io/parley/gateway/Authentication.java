package io.parley.gateway;

import io.parley.shared.security.SigningKeys;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.JWTAuthHandler;

/**
 * Verifies {@code Authorization: Bearer} access tokens locally, with the public keys every node
 * holds: no call to the auth service per request. Expired, tampered, unsigned, unknown-key and
 * foreign-issuer tokens all fail here with 401.
 */
public final class Authentication {

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
}
