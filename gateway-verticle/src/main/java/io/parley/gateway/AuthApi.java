package io.parley.gateway;

import io.parley.shared.Address;
import io.parley.shared.security.SigningKeys;
import io.parley.shared.config.Config;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * REST routes of accounts, sessions, profiles and blocks, each forwarded to the auth service's
 * bus address. Public: register, login, refresh and the JWKS document; everything else needs
 * {@code Authorization: Bearer <accessToken>}.
 *
 * <pre>
 * POST   /auth/register  {email, username, password, displayName, deviceName?}
 *                        → 201 {user, accessToken, refreshToken, expiresIn}
 * POST   /auth/login     {login (username or email), password, deviceName?}
 *                        → 200 {user, accessToken, refreshToken, expiresIn}
 * POST   /auth/refresh   {refreshToken} → 200 {accessToken, refreshToken, expiresIn}
 * GET    /auth/jwks      → 200 {keys: [public JWKs]}
 * POST   /auth/logout    → 204
 * GET    /me             → 200 my profile (with email and lastSeenVisibility)
 * PATCH  /me             {displayName?, bio?, statusText?, avatarMediaId?, lastSeenVisibility?} → 200 my profile
 * POST   /me/password    {currentPassword, newPassword} → 200 {sessionsRevoked}
 * DELETE /me             {password} → 204
 * GET    /sessions       → 200 {sessions: [{id, deviceName, userAgent, lastAddress, createdAt, lastUsedAt, current}]}
 * DELETE /sessions       → 200 {revoked}: every session but the calling one
 * DELETE /sessions/{id}  → 204
 * GET    /users?q=&amp;limit=&amp;offset= → 200 {users: [{id, username, displayName, avatarMediaId, statusText}], nextOffset}
 * GET    /users/{id}     → 200 public profile
 * GET    /blocks         → 200 {blocks: [{user, blockedAt}]}
 * POST   /blocks/{userId}, DELETE /blocks/{userId} → 204 (both idempotent)
 * </pre>
 *
 * <p>Errors use the shared shape; the auth codes are in {@code AuthErrors}.
 */
public final class AuthApi {

  private final BusForwarder forwarder;
  private final Authentication authentication;
  private final String jwks;

  public AuthApi(JsonObject config, BusForwarder forwarder, Authentication authentication) {
    this.forwarder = forwarder;
    this.authentication = authentication;
    this.jwks = jwks(config).encode();
  }

  public void mount(Router api) {
    api.post("/auth/register").handler(forwarder.forward(Address.AUTH_REGISTER, 201, BusForwarder::jsonBody));
    api.post("/auth/login").handler(forwarder.forward(Address.AUTH_LOGIN, 200, BusForwarder::jsonBody));
    api.post("/auth/refresh").handler(forwarder.forward(Address.AUTH_REFRESH, 200, BusForwarder::jsonBody));
    api.get("/auth/jwks").handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "public, max-age=300")
      .end(jwks));

    Handler<RoutingContext> signedIn = authentication.required();
    api.post("/auth/logout").handler(signedIn)
      .handler(noContent(Address.AUTH_LOGOUT, BusForwarder::noBody));
    api.get("/me").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_ME, 200, BusForwarder::noBody));
    api.patch("/me").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_UPDATE_PROFILE, 200, BusForwarder::jsonBody));
    api.delete("/me").handler(signedIn)
      .handler(noContent(Address.AUTH_DELETE_ACCOUNT, BusForwarder::jsonBody));
    api.post("/me/password").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_CHANGE_PASSWORD, 200, BusForwarder::jsonBody));
    api.get("/sessions").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_SESSIONS_LIST, 200, BusForwarder::noBody));
    api.delete("/sessions").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_SESSIONS_REVOKE_OTHERS, 200, BusForwarder::noBody));
    api.delete("/sessions/:id").handler(signedIn)
      .handler(noContent(Address.AUTH_SESSION_REVOKE, pathParam("id", "sessionId")));
    api.get("/users").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_USERS_SEARCH, 200, AuthApi::searchQuery));
    api.get("/users/:id").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_USER_PROFILE, 200, pathParam("id", "userId")));
    api.get("/blocks").handler(signedIn)
      .handler(forwarder.forward(Address.AUTH_BLOCKS_LIST, 200, BusForwarder::noBody));
    api.post("/blocks/:userId").handler(signedIn)
      .handler(noContent(Address.AUTH_BLOCK, pathParam("userId", "userId")));
    api.delete("/blocks/:userId").handler(signedIn)
      .handler(noContent(Address.AUTH_UNBLOCK, pathParam("userId", "userId")));
  }

  /** The request body for a route whose only input is a path parameter, as raw text; the service validates it. */
  private static Function<RoutingContext, JsonObject> pathParam(String param, String field) {
    return ctx -> new JsonObject().put(field, ctx.pathParam(param));
  }

  /** The search's query parameters, as raw text; the service validates them. */
  private static JsonObject searchQuery(RoutingContext ctx) {
    return new JsonObject()
      .put("q", ctx.queryParams().get("q"))
      .put("limit", ctx.queryParams().get("limit"))
      .put("offset", ctx.queryParams().get("offset"));
  }

  /** Forwards and answers 204 with no body: the operation has nothing to tell but success. */
  private Handler<RoutingContext> noContent(String address, Function<RoutingContext, JsonObject> requestBody) {
    return ctx -> {
      JsonObject body;
      try {
        body = requestBody.apply(ctx);
      } catch (RuntimeException invalid) {
        ctx.fail(invalid);
        return;
      }
      forwarder.request(ctx, address, body)
        .onSuccess(reply -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
    };
  }

  /** The public signing keys as a JSON Web Key Set (RFC 7517). */
  static JsonObject jwks(JsonObject config) {
    return SigningKeys.jwks(config);
  }
}
