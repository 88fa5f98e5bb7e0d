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
    open(POST, "/auth/register", Address.AUTH_REGISTER, 201, JSON)
      .takes("Register").doc("Sign up: a new account, signed in", "SignedIn"),
    open(POST, "/auth/login", Address.AUTH_LOGIN, 200, JSON)
      .takes("Login").doc("Sign in with email or username and password", "SignedIn"),
    open(POST, "/auth/refresh", Address.AUTH_REFRESH, 200, JSON)
      .takes("Refresh").doc("A new access token for a refresh token (which is replaced)", "Tokens"),
    route(POST, "/auth/logout", Address.AUTH_LOGOUT, 204, PATH).doc("Sign out this session", null),
    route(GET, "/me", Address.AUTH_ME, 200, PATH).doc("My account", "Account"),
    route(PATCH, "/me", Address.AUTH_UPDATE_PROFILE, 200, JSON).takes("ProfileUpdate").doc("Change my profile", "Account"),
    route(DELETE, "/me", Address.AUTH_DELETE_ACCOUNT, 204, JSON)
      .takes("DeleteAccount").doc("Delete my account (the password confirms it)", null),
    route(POST, "/me/password", Address.AUTH_CHANGE_PASSWORD, 200, JSON)
      .takes("ChangePassword").doc("Change my password; my other sessions end", "PasswordChanged"),
    route(GET, "/sessions", Address.AUTH_SESSIONS_LIST, 200, PATH).doc("My sessions (devices)", "SessionList"),
    // Every session but the calling one.
    route(DELETE, "/sessions", Address.AUTH_SESSIONS_REVOKE_OTHERS, 200, PATH)
      .doc("End every session of mine but this one", "SessionsRevoked"),
    route(DELETE, "/sessions/:sessionId", Address.AUTH_SESSION_REVOKE, 204, PATH).doc("End one of my sessions", null),
    route(GET, "/users", Address.AUTH_USERS_SEARCH, 200, QUERY)
      .query("q", "limit", "offset").doc("Find people by name", "UserPage"),
    // A POST, so phone numbers stay out of URLs and access logs.
    route(POST, "/users/lookup", Address.AUTH_USERS_BY_PHONE, 200, JSON)
      .takes("PhoneLookup").doc("Find people by exact phone number, of those who allow it", "PhoneMatches"),
    route(GET, "/users/:userId", Address.AUTH_USER_PROFILE, 200, PATH).doc("Someone's public profile", "PublicProfile"),
    route(GET, "/blocks", Address.AUTH_BLOCKS_LIST, 200, PATH).doc("The people I blocked", "BlockList"),
    // Both idempotent.
    route(POST, "/blocks/:userId", Address.AUTH_BLOCK, 204, PATH).doc("Block someone", null),
    route(DELETE, "/blocks/:userId", Address.AUTH_UNBLOCK, 204, PATH).doc("Unblock someone", null),
    route(GET, "/contacts", Address.AUTH_CONTACTS_LIST, 200, PATH).doc("My contacts", "ContactList"),
    // A contact I had already is renamed and answers 200.
    route(POST, "/contacts", Address.AUTH_CONTACT_ADD, 201, JSON)
      .takes("AddContact").doc("Add someone to my contacts (201), or rename one I have (200)", "Contact"),
    // Idempotent.
    route(DELETE, "/contacts/:userId", Address.AUTH_CONTACT_REMOVE, 204, PATH).doc("Remove someone from my contacts", null));

  static final String JWKS_PATH = "/auth/jwks";

  private AuthApi() {
  }

  /** {@code GET /auth/jwks}: the public signing keys as a JSON Web Key Set (RFC 7517), open to anyone. */
  static void mountJwks(Router api, JsonObject config) {
    String jwks = SigningKeys.jwks(config).encode();
    api.get(JWKS_PATH).handler(ctx -> ctx.response()
      .putHeader("Content-Type", "application/json")
      .putHeader("Cache-Control", "public, max-age=300")
      .end(jwks));
  }
}
