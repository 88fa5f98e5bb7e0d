package io.parley.auth;

import static io.parley.auth.AuthHarness.PASSWORD;
import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole life of an account, over real HTTP through the gateway. */
class AccountLifecycleTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void registerSignInOnTwoDevicesRefreshRevokeChangePasswordAndDelete() {
    String username = AuthHarness.uniqueName("Life");
    JsonObject registration = AuthHarness.registration(username);

    // Register: signed in at once, on the device that registered.
    JsonObject registered = harness.register(registration);
    JsonObject user = registered.getJsonObject("user");
    String userId = user.getString("id");
    assertThat(user.getString("username")).isEqualTo(username);
    assertThat(user.getString("email")).isEqualTo(registration.getString("email"));
    assertThat(user.getString("displayName")).isEqualTo("Test " + username);
    assertThat(user.containsKey("passwordHash")).isFalse();
    assertThat(registered.getInteger("expiresIn")).isEqualTo(900);

    // Sign in on two more devices, by username in another case and by email.
    JsonObject phone = harness.login(username.toUpperCase(), PASSWORD, "Phone");
    JsonObject laptop = harness.login(registration.getString("email").toUpperCase(), PASSWORD, "Laptop");
    assertThat(phone.getJsonObject("user").getString("id")).isEqualTo(userId);

    // Refresh rotates: a new refresh token, a working access token.
    HttpResponse<Buffer> refreshed = harness.post("/auth/refresh",
      new JsonObject().put("refreshToken", phone.getString("refreshToken")));
    assertThat(refreshed.statusCode()).isEqualTo(200);
    JsonObject phoneTokens = refreshed.bodyAsJsonObject();
    assertThat(phoneTokens.getString("refreshToken")).isNotEqualTo(phone.getString("refreshToken"));
    assertThat(phoneTokens.getInteger("expiresIn")).isEqualTo(900);
    assertThat(harness.get("/me", phoneTokens.getString("accessToken")).bodyAsJsonObject().getString("id"))
      .isEqualTo(userId);

    // Three sessions, the asking one marked current.
    HttpResponse<Buffer> listed = harness.get("/sessions", laptop.getString("accessToken"));
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonArray sessions = listed.bodyAsJsonObject().getJsonArray("sessions");
    assertThat(sessions).hasSize(3);
    JsonObject current = sessions.stream().map(JsonObject.class::cast)
      .filter(session -> session.getBoolean("current")).findFirst().orElseThrow();
    assertThat(current.getString("deviceName")).isEqualTo("Laptop");
    assertThat(current.getString("userAgent")).isEqualTo("parley-tests/1.0");
    assertThat(current.getString("createdAt")).isNotBlank();
    assertThat(current.getString("lastUsedAt")).isNotBlank();
    String phoneSessionId = sessions.stream().map(JsonObject.class::cast)
      .filter(session -> session.getString("deviceName").equals("Phone")).findFirst().orElseThrow().getString("id");

    // Revoke the phone from the laptop: the phone's refresh fails at once.
    assertThat(harness.delete("/sessions/" + phoneSessionId, laptop.getString("accessToken")).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> phoneRefresh = harness.post("/auth/refresh",
      new JsonObject().put("refreshToken", phoneTokens.getString("refreshToken")));
    assertThat(phoneRefresh.statusCode()).isEqualTo(401);
    assertThat(errorCode(phoneRefresh)).isEqualTo("auth.refresh_invalid");
    assertThat(harness.get("/me", phoneTokens.getString("accessToken")).statusCode()).isEqualTo(401);
    assertThat(harness.get("/sessions", laptop.getString("accessToken")).bodyAsJsonObject().getJsonArray("sessions"))
      .hasSize(2);

    // Change the password on the laptop: the registering device's refresh fails, the laptop stays in.
    String newPassword = "a brand new passphrase, twice as long";
    HttpResponse<Buffer> changed = harness.post("/me/password", laptop.getString("accessToken"),
      new JsonObject().put("currentPassword", PASSWORD).put("newPassword", newPassword));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.bodyAsJsonObject().getInteger("sessionsRevoked")).isEqualTo(1);
    assertThat(harness.post("/auth/refresh", new JsonObject().put("refreshToken", registered.getString("refreshToken")))
      .statusCode()).isEqualTo(401);
    HttpResponse<Buffer> laptopRefresh = harness.post("/auth/refresh",
      new JsonObject().put("refreshToken", laptop.getString("refreshToken")));
    assertThat(laptopRefresh.statusCode()).isEqualTo(200);
    String laptopAccess = laptopRefresh.bodyAsJsonObject().getString("accessToken");
    assertThat(harness.post("/auth/login", new JsonObject().put("login", username).put("password", PASSWORD))
      .statusCode()).isEqualTo(401);
    harness.login(username, newPassword, "Tablet");

    // Delete the account: every session ends, the name is free again, the row stays anonymous.
    HttpResponse<Buffer> wrongConfirmation = harness.delete("/me", laptopAccess, new JsonObject().put("password", PASSWORD));
    assertThat(wrongConfirmation.statusCode()).isEqualTo(403);
    assertThat(errorCode(wrongConfirmation)).isEqualTo("auth.wrong_password");
    assertThat(harness.delete("/me", laptopAccess, new JsonObject().put("password", newPassword)).statusCode())
      .isEqualTo(204);
    assertThat(harness.get("/me", laptopAccess).statusCode()).isEqualTo(401);
    assertThat(harness.post("/auth/login", new JsonObject().put("login", username).put("password", newPassword))
      .statusCode()).isEqualTo(401);
    assertThat(harness.count("SELECT count(*) FROM sessions WHERE user_id = $1::uuid", userId)).isZero();
    assertThat(harness.count("""
        SELECT count(*) FROM users
        WHERE id = $1::uuid AND deleted_at IS NOT NULL AND display_name = 'Deleted user' AND bio = ''
          AND username::text LIKE 'deleted~%' AND email::text LIKE 'deleted~%'""", userId)).isEqualTo(1);
    assertThat(harness.auditEvents(userId, "account_deleted")).isEqualTo(1);

    JsonObject again = harness.register(registration);
    assertThat(again.getJsonObject("user").getString("id")).isNotEqualTo(userId);
    JsonObject tombstone = harness.get("/users/" + userId, again.getString("accessToken")).bodyAsJsonObject();
    assertThat(tombstone.getBoolean("deleted")).isTrue();
    assertThat(tombstone.getString("displayName")).isEqualTo("Deleted user");
    assertThat(tombstone.getString("username")).isNull();
  }

  @Test
  void signOutEndsTheSessionAndIsIdempotent() {
    JsonObject account = harness.register(AuthHarness.uniqueName("Bye"));
    String access = account.getString("accessToken");
    assertThat(harness.post("/auth/logout", access, null).statusCode()).isEqualTo(204);
    assertThat(harness.post("/auth/refresh", new JsonObject().put("refreshToken", account.getString("refreshToken")))
      .statusCode()).isEqualTo(401);
    HttpResponse<Buffer> me = harness.get("/me", access);
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(errorCode(me)).isEqualTo("auth.session_revoked");
    assertThat(harness.post("/auth/logout", access, null).statusCode()).isEqualTo(204);
    assertThat(harness.auditEvents(account.getJsonObject("user").getString("id"), "session_revoked")).isEqualTo(1);
  }

  @Test
  void revokingAllOtherSessionsKeepsOnlyTheCallingOne() {
    String username = AuthHarness.uniqueName("Others");
    JsonObject first = harness.register(username);
    JsonObject second = harness.login(username, PASSWORD, "Second");
    harness.login(username, PASSWORD, "Third");

    HttpResponse<Buffer> revoked = harness.delete("/sessions", second.getString("accessToken"));
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(revoked.bodyAsJsonObject().getInteger("revoked")).isEqualTo(2);
    JsonArray left = harness.get("/sessions", second.getString("accessToken")).bodyAsJsonObject().getJsonArray("sessions");
    assertThat(left).hasSize(1);
    assertThat(left.getJsonObject(0).getBoolean("current")).isTrue();
    assertThat(harness.post("/auth/refresh", new JsonObject().put("refreshToken", first.getString("refreshToken")))
      .statusCode()).isEqualTo(401);
  }

  @Test
  void nobodyCanRevokeAnotherUsersSession() {
    JsonObject alice = harness.register(AuthHarness.uniqueName("Alice"));
    JsonObject mallory = harness.register(AuthHarness.uniqueName("Mallory"));
    String aliceSession = harness.get("/sessions", alice.getString("accessToken"))
      .bodyAsJsonObject().getJsonArray("sessions").getJsonObject(0).getString("id");

    HttpResponse<Buffer> attempt = harness.delete("/sessions/" + aliceSession, mallory.getString("accessToken"));
    assertThat(attempt.statusCode()).isEqualTo(404);
    assertThat(errorCode(attempt)).isEqualTo("auth.session_not_found");
    assertThat(harness.get("/me", alice.getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(harness.delete("/sessions/not-an-id", mallory.getString("accessToken")).statusCode()).isEqualTo(400);
  }
}
