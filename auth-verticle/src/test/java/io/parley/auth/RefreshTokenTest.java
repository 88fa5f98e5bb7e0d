package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refresh tokens: rotation, sliding expiry, and theft detection by reuse. */
class RefreshTokenTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void reusingARotatedRefreshTokenRevokesTheWholeSession() {
    JsonObject account = harness.register(AuthHarness.uniqueName("Reuse"));
    String userId = account.getJsonObject("user").getString("id");
    String stolen = account.getString("refreshToken");

    JsonObject rotated = refresh(stolen).bodyAsJsonObject();
    HttpResponse<Buffer> replay = refresh(stolen);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(errorCode(replay)).isEqualTo("auth.refresh_invalid");

    // Both copies are dead now, and the session's access tokens are refused by the auth service.
    assertThat(refresh(rotated.getString("refreshToken")).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> me = harness.get("/me", rotated.getString("accessToken"));
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(errorCode(me)).isEqualTo("auth.session_revoked");
    assertThat(harness.auditEvents(userId, "refresh_reuse")).isEqualTo(1);
    assertThat(harness.count("SELECT count(*) FROM sessions WHERE user_id = $1::uuid AND revoked_reason = 'refresh_reuse'",
      userId)).isEqualTo(1);
  }

  @Test
  void refreshPushesTheSessionExpiryForward() {
    JsonObject account = harness.register(AuthHarness.uniqueName("Slide"));
    UUID userId = UUID.fromString(account.getJsonObject("user").getString("id"));
    harness.db().preparedQuery("UPDATE sessions SET expires_at = now() + interval '1 day' WHERE user_id = $1")
      .execute(Tuple.of(userId)).await();

    assertThat(refresh(account.getString("refreshToken")).statusCode()).isEqualTo(200);
    Row session = harness.db().preparedQuery("SELECT expires_at FROM sessions WHERE user_id = $1")
      .execute(Tuple.of(userId)).await().iterator().next();
    assertThat(session.getOffsetDateTime("expires_at")).isAfter(OffsetDateTime.now().plusDays(29));
  }

  @Test
  void expiredSessionCannotRefresh() {
    JsonObject account = harness.register(AuthHarness.uniqueName("Expired"));
    harness.db().preparedQuery("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1")
      .execute(Tuple.of(UUID.fromString(account.getJsonObject("user").getString("id")))).await();
    assertThat(refresh(account.getString("refreshToken")).statusCode()).isEqualTo(401);
  }

  @Test
  void unknownOrMalformedRefreshTokensAreRefused() {
    HttpResponse<Buffer> unknown = refresh("A".repeat(43));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(errorCode(unknown)).isEqualTo("auth.refresh_invalid");
    assertThat(refresh("short").statusCode()).isEqualTo(401);

    HttpResponse<Buffer> wrongType = harness.post("/auth/refresh", new JsonObject().put("refreshToken", 42));
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(errorCode(wrongType)).isEqualTo("request.invalid");
    assertThat(wrongType.bodyAsJsonObject().getJsonObject("error").getString("field")).isEqualTo("refreshToken");
    assertThat(errorCode(harness.post("/auth/refresh", new JsonObject()))).isEqualTo("request.invalid");
    assertThat(errorCode(harness.post("/auth/refresh", "[1,2]"))).isEqualTo("request.malformed_json");
  }

  private static HttpResponse<Buffer> refresh(String token) {
    return harness.post("/auth/refresh", new JsonObject().put("refreshToken", token));
  }
}
