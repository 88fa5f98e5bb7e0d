package io.parley.auth;

import static io.parley.auth.AuthHarness.PASSWORD;
import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.ConfigKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server roles and moderation over real HTTP: the configured admin, granting and revoking roles,
 * reports of users, warnings, suspensions and bans with their effects (every session revoked at
 * once, refresh refused, sign-in refused with its own code), and the refusals.
 */
class ModerationTest {

  private static final String ADMIN_EMAIL = "root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().config(ConfigKeys.AUTH_ADMIN_EMAILS, " Other@Example.org, "
    + ADMIN_EMAIL.toUpperCase()).build();

  private static JsonObject admin;

  @BeforeAll
  static void theConfiguredAdmin() {
    String username = AuthHarness.uniqueName("root");
    admin = harness.register(AuthHarness.registration(username).put("email", ADMIN_EMAIL));
  }

  @Test
  void theConfiguredEmailSignsUpAsAdminAndAdminsGrantAndRevokeRoles() {
    assertThat(me(admin).getJsonArray("roles")).containsExactly("admin");
    JsonObject user = harness.register(AuthHarness.uniqueName("mod"));
    assertThat(me(user).getJsonArray("roles")).isEmpty();
    assertThat(harness.get("/moderation/reports", token(user)).statusCode()).isEqualTo(403);

    assertThat(call(HttpMethod.PUT, "/admin/users/" + id(user) + "/roles/moderator", admin, null).statusCode()).isEqualTo(204);
    // Granting twice changes nothing and is no error.
    assertThat(call(HttpMethod.PUT, "/admin/users/" + id(user) + "/roles/moderator", admin, null).statusCode()).isEqualTo(204);
    assertThat(me(user).getJsonArray("roles")).containsExactly("moderator");
    assertThat(harness.get("/moderation/reports", token(user)).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> settings = harness.get("/admin/settings", token(user));
    assertThat(settings.statusCode()).isEqualTo(403);
    assertThat(errorCode(settings)).isEqualTo("auth.forbidden");

    // Taken away, it counts at the very next request: the role is read with the session, not from the token.
    assertThat(call(HttpMethod.DELETE, "/admin/users/" + id(user) + "/roles/moderator", admin, null).statusCode()).isEqualTo(204);
    assertThat(harness.get("/moderation/reports", token(user)).statusCode()).isEqualTo(403);

    HttpResponse<Buffer> own = call(HttpMethod.DELETE, "/admin/users/" + id(admin) + "/roles/admin", admin, null);
    assertThat(own.statusCode()).isEqualTo(409);
    assertThat(errorCode(own)).isEqualTo("admin.cannot_revoke_own_admin");
    assertThat(me(admin).getJsonArray("roles")).containsExactly("admin");
    HttpResponse<Buffer> unknownRole = call(HttpMethod.PUT, "/admin/users/" + id(user) + "/roles/owner", admin, null);
    assertThat(unknownRole.statusCode()).isEqualTo(400);
    assertThat(errorCode(unknownRole)).isEqualTo("request.invalid_parameter");
    assertThat(call(HttpMethod.PUT, "/admin/users/" + UUID.randomUUID() + "/roles/moderator", admin, null).statusCode())
      .isEqualTo(404);

    assertThat(harness.auditEvents(id(user), "admin.role_granted")).isEqualTo(1);
    assertThat(harness.auditEvents(id(user), "admin.role_revoked")).isEqualTo(1);
    JsonArray audit = harness.get("/admin/audit?userId=" + id(user), token(admin)).bodyAsJsonObject().getJsonArray("items");
    assertThat(audit.getJsonObject(0).getString("event")).isEqualTo("admin.role_revoked");
    assertThat(audit.getJsonObject(0).getJsonObject("details").getString("by")).isEqualTo(id(admin));
  }

  @Test
  void aSuspendedUserIsSignedOutEverywhereCannotRefreshOrSignInUntilReinstated() {
    JsonObject moderator = moderator();
    String username = AuthHarness.uniqueName("Suspended");
    JsonObject phone = harness.register(username);
    JsonObject laptop = harness.login(username, PASSWORD, "Laptop");

    HttpResponse<Buffer> suspended = call(HttpMethod.POST, "/moderation/users/" + id(phone) + "/actions", moderator,
      new JsonObject().put("action", "suspend").put("hours", 24).put("reason", "Flooding the lobby"));
    assertThat(suspended.statusCode()).as(suspended.bodyAsString()).isEqualTo(200);
    assertThat(suspended.bodyAsJsonObject().getInteger("sessionsRevoked")).isEqualTo(2);

    for (JsonObject device : new JsonObject[] {phone, laptop}) {
      HttpResponse<Buffer> refused = harness.get("/me", token(device));
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(errorCode(refused)).isEqualTo("auth.session_revoked");
      HttpResponse<Buffer> refresh = harness.post("/auth/refresh", new JsonObject().put("refreshToken", device.getString("refreshToken")));
      assertThat(refresh.statusCode()).isEqualTo(401);
      assertThat(errorCode(refresh)).isEqualTo("auth.refresh_invalid");
    }
    HttpResponse<Buffer> signIn = harness.post("/auth/login", new JsonObject().put("login", username).put("password", PASSWORD));
    assertThat(signIn.statusCode()).isEqualTo(403);
    assertThat(errorCode(signIn)).isEqualTo("auth.account_suspended");
    Instant until = Instant.parse(signIn.bodyAsJsonObject().getJsonObject("error").getString("until"));
    assertThat(until).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    // A wrong password still says only that: the suspension is for someone who knows the password.
    HttpResponse<Buffer> wrong = harness.post("/auth/login", new JsonObject().put("login", username).put("password", "nope nope nope"));
    assertThat(errorCode(wrong)).isEqualTo("auth.invalid_credentials");

    JsonObject entry = harness.db().preparedQuery("SELECT details FROM audit_log WHERE user_id = $1 AND event = 'moderation.suspend'")
      .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(id(phone)))).await().iterator().next().getJsonObject("details");
    assertThat(entry.getString("by")).isEqualTo(id(moderator));
    assertThat(entry.getString("reason")).isEqualTo("Flooding the lobby");
    assertThat(entry.getString("until")).isNotNull();

    assertThat(call(HttpMethod.POST, "/moderation/users/" + id(phone) + "/actions", moderator,
      new JsonObject().put("action", "reinstate").put("reason", "Appeal accepted")).statusCode()).isEqualTo(200);
    assertThat(harness.login(username, PASSWORD, "Phone").getString("accessToken")).isNotBlank();
  }

  @Test
  void aSessionThatOutlivedItsSuspensionCannotBeRefreshed() {
    JsonObject user = harness.register(AuthHarness.uniqueName("racer"));
    // As if the session had been signed in while the suspension was being decided.
    harness.db().preparedQuery("UPDATE users SET suspended_until = now() + interval '1 hour' WHERE id = $1")
      .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(id(user)))).await();
    HttpResponse<Buffer> refresh = harness.post("/auth/refresh", new JsonObject().put("refreshToken", user.getString("refreshToken")));
    assertThat(refresh.statusCode()).isEqualTo(401);
    assertThat(errorCode(refresh)).isEqualTo("auth.refresh_invalid");
  }

  @Test
  void aBannedUserIsRefusedWithItsOwnCode() {
    JsonObject moderator = moderator();
    String username = AuthHarness.uniqueName("Banned");
    JsonObject user = harness.register(username);
    assertThat(call(HttpMethod.POST, "/moderation/users/" + id(user) + "/actions", moderator,
      new JsonObject().put("action", "ban").put("reason", "Spam bot")).statusCode()).isEqualTo(200);

    assertThat(harness.get("/me", token(user)).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> signIn = harness.post("/auth/login", new JsonObject().put("login", username).put("password", PASSWORD));
    assertThat(signIn.statusCode()).isEqualTo(403);
    assertThat(errorCode(signIn)).isEqualTo("auth.account_banned");
    JsonObject listed = harness.get("/admin/users?q=" + username.toLowerCase(), token(admin)).bodyAsJsonObject()
      .getJsonArray("items").getJsonObject(0);
    assertThat(listed.getJsonObject("standing").getString("state")).isEqualTo("banned");
    assertThat(harness.auditEvents(id(user), "sign_in_refused")).isEqualTo(1);
  }

  @Test
  void aReportOfAUserReachesTheQueueAndAWarningReachesTheUser() {
    JsonObject moderator = moderator();
    JsonObject reporter = harness.register(AuthHarness.uniqueName("reporter"));
    JsonObject rude = harness.register(AuthHarness.uniqueName("rude"));
    JsonObject report = new JsonObject().put("subject", "user").put("userId", id(rude)).put("reason", "harassment")
      .put("note", "Keeps messaging me");

    HttpResponse<Buffer> created = harness.post("/reports", token(reporter), report);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String reportId = created.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> again = harness.post("/reports", token(reporter), report);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(errorCode(again)).isEqualTo("moderation.already_reported");

    JsonObject queued = queued(moderator, reportId);
    assertThat(queued.getString("reason")).isEqualTo("harassment");
    assertThat(queued.getString("note")).isEqualTo("Keeps messaging me");
    assertThat(queued.getJsonObject("reporter").getString("id")).isEqualTo(id(reporter));
    assertThat(queued.getJsonObject("target").getString("id")).isEqualTo(id(rude));

    HttpResponse<Buffer> notAMessage = call(HttpMethod.POST, "/moderation/reports/" + reportId + "/actions", moderator,
      new JsonObject().put("action", "delete_message").put("reason", "no"));
    assertThat(notAMessage.statusCode()).isEqualTo(422);
    assertThat(errorCode(notAMessage)).isEqualTo("moderation.action_not_applicable");

    HttpResponse<Buffer> warned = call(HttpMethod.POST, "/moderation/reports/" + reportId + "/actions", moderator,
      new JsonObject().put("action", "warn").put("reason", "Please be kind"));
    assertThat(warned.statusCode()).as(warned.bodyAsString()).isEqualTo(200);
    assertThat(warned.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    JsonArray warnings = harness.get("/me/warnings", token(rude)).bodyAsJsonObject().getJsonArray("items");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.getJsonObject(0).getString("reason")).isEqualTo("Please be kind");
    // The warned user keeps their sessions.
    assertThat(harness.get("/me", token(rude)).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> closed = call(HttpMethod.POST, "/moderation/reports/" + reportId + "/actions", moderator,
      new JsonObject().put("action", "dismiss").put("reason", "twice"));
    assertThat(closed.statusCode()).isEqualTo(409);
    assertThat(errorCode(closed)).isEqualTo("moderation.report_closed");
    assertThat(harness.auditEvents(id(rude), "moderation.warn")).isEqualTo(1);
    assertThat(harness.auditEvents(id(rude), "report_created")).isEqualTo(1);
  }

  @Test
  void badInputAndRankRulesAreRefusedAndChangeNothing() {
    JsonObject moderator = moderator();
    JsonObject user = harness.register(AuthHarness.uniqueName("plain"));
    long reports = harness.count("SELECT count(*) FROM reports");

    assertRefused(harness.post("/reports", token(user), new JsonObject().put("subject", "user").put("userId", id(moderator))
      .put("reason", "because")), 400, "request.invalid");
    assertRefused(harness.post("/reports", token(user), new JsonObject().put("subject", "user").put("userId", id(user))
      .put("reason", "spam")), 400, "moderation.self");
    assertRefused(harness.post("/reports", token(user), new JsonObject().put("subject", "user")
      .put("userId", UUID.randomUUID().toString()).put("reason", "spam")), 404, "user.not_found");
    assertRefused(harness.post("/reports", token(user), new JsonObject().put("subject", "chat").put("reason", "spam")),
      400, "request.invalid");
    assertThat(harness.count("SELECT count(*) FROM reports")).isEqualTo(reports);

    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(user) + "/actions", moderator,
      new JsonObject().put("action", "suspend").put("reason", "no hours")), 400, "request.invalid");
    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(user) + "/actions", moderator,
      new JsonObject().put("action", "suspend").put("hours", 0).put("reason", "zero")), 400, "request.invalid");
    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(user) + "/actions", moderator,
      new JsonObject().put("action", "warn")), 400, "request.invalid");
    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(admin) + "/actions", moderator,
      new JsonObject().put("action", "ban").put("reason", "coup")), 403, "moderation.target_protected");
    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(moderator) + "/actions", moderator,
      new JsonObject().put("action", "warn").put("reason", "self")), 400, "moderation.self");
    assertRefused(call(HttpMethod.POST, "/moderation/users/" + id(moderator) + "/actions", user,
      new JsonObject().put("action", "ban").put("reason", "revenge")), 403, "auth.forbidden");
    assertRefused(call(HttpMethod.POST, "/moderation/reports/" + UUID.randomUUID() + "/actions", moderator,
      new JsonObject().put("action", "dismiss").put("reason", "gone")), 404, "moderation.report_not_found");
    assertRefused(call(HttpMethod.POST, "/moderation/reports/not-an-id/actions", moderator,
      new JsonObject().put("action", "dismiss").put("reason", "gone")), 400, "request.invalid_parameter");

    assertThat(harness.get("/me", token(user)).statusCode()).isEqualTo(200);
    assertThat(harness.count("SELECT count(*) FROM user_warnings WHERE user_id = $1", UUID.fromString(id(user)))).isZero();
    assertThat(harness.count("SELECT count(*) FROM users WHERE id = $1 AND (suspended_until IS NOT NULL OR banned_at IS NOT NULL)",
      UUID.fromString(id(admin)))).isZero();
  }

  /** A new account made moderator by the admin. */
  private static JsonObject moderator() {
    JsonObject moderator = harness.register(AuthHarness.uniqueName("moderator"));
    assertThat(call(HttpMethod.PUT, "/admin/users/" + id(moderator) + "/roles/moderator", admin, null).statusCode()).isEqualTo(204);
    return moderator;
  }

  private static JsonObject queued(JsonObject moderator, String reportId) {
    HttpResponse<Buffer> queue = harness.get("/moderation/reports?status=open&limit=100", token(moderator));
    assertThat(queue.statusCode()).isEqualTo(200);
    return queue.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
      .filter(item -> reportId.equals(item.getString("id"))).findFirst().orElseThrow();
  }

  private static void assertRefused(HttpResponse<Buffer> response, int status, String code) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(errorCode(response)).isEqualTo(code);
  }

  private static HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject caller, JsonObject body) {
    return harness.call(method, path, token(caller), body);
  }

  private static JsonObject me(JsonObject account) {
    return harness.get("/me", token(account)).bodyAsJsonObject();
  }

  static String token(JsonObject account) {
    return account.getString("accessToken");
  }

  static String id(JsonObject account) {
    return account.getJsonObject("user").getString("id");
  }
}
