package io.parley.gateway;

import static io.parley.gateway.ApiRoute.open;
import static io.parley.gateway.ApiRoute.route;
import static io.parley.gateway.RequestShape.JSON;
import static io.parley.gateway.RequestShape.PATH;
import static io.parley.gateway.RequestShape.QUERY;
import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.parley.shared.Address;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * The REST routes of accounts, sessions, profiles, blocks and contacts, forwarded to the auth service, and
 * the public signing keys, answered here. The bodies and replies of each address are the auth
 * service's request and reply records; its error codes are in {@code AuthErrors}.
 */
final class AuthApi {

  static final List<ApiRoute> ROUTES = List.of(
    open(POST, "/auth/register", Address.AUTH_REGISTER, 201, JSON),
    open(POST, "/auth/login", Address.AUTH_LOGIN, 200, JSON),
    open(POST, "/auth/refresh", Address.AUTH_REFRESH, 200, JSON),
    route(POST, "/auth/logout", Address.AUTH_LOGOUT, 204, PATH),
    route(GET, "/me", Address.AUTH_ME, 200, PATH),
    route(PATCH, "/me", Address.AUTH_UPDATE_PROFILE, 200, JSON),
    route(DELETE, "/me", Address.AUTH_DELETE_ACCOUNT, 204, JSON),
    route(POST, "/me/password", Address.AUTH_CHANGE_PASSWORD, 200, JSON),
    route(GET, "/sessions", Address.AUTH_SESSIONS_LIST, 200, PATH),
    // Every session but the calling one.
    route(DELETE, "/sessions", Address.AUTH_SESSIONS_REVOKE_OTHERS, 200, PATH),
    route(DELETE, "/sessions/:sessionId", Address.AUTH_SESSION_REVOKE, 204, PATH),
    route(GET, "/users", Address.AUTH_USERS_SEARCH, 200, QUERY),
    // A POST, so phone numbers stay out of URLs and access logs.
    route(POST, "/users/lookup", Address.AUTH_USERS_BY_PHONE, 200, JSON),
    route(GET, "/users/:userId", Address.AUTH_USER_PROFILE, 200, PATH),
    route(GET, "/blocks", Address.AUTH_BLOCKS_LIST, 200, PATH),
    // Both idempotent.
    route(POST, "/blocks/:userId", Address.AUTH_BLOCK, 204, PATH),
    route(DELETE, "/blocks/:userId", Address.AUTH_UNBLOCK, 204, PATH),
    route(GET, "/contacts", Address.AUTH_CONTACTS_LIST, 200, PATH),
    // A contact I had already is renamed and answers 200.
    route(POST, "/contacts", Address.AUTH_CONTACT_ADD, 201, JSON),
    // Idempotent.
    route(DELETE, "/contacts/:userId", Address.AUTH_CONTACT_REMOVE, 204, PATH));

  private AuthApi() {
  }

  /** {@code GET /auth/jwks}: the public signing keys as a JSON Web Key Set (RFC 7517), open to anyone. */
  static void mountJwks(Router api, JsonObject config) {
    String jwks = SigningKeys.jwks(config).encode();
    api.get("/auth/jwks").handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "public, max-age=300")
      .end(jwks));
  }
}
