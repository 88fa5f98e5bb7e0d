package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.ConfigKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin's registration policy over real HTTP: open, invite-only with codes an admin issued
 * (each good once, until it expires), closed, and a maximum account count; the configured admins
 * always get in. Every refusal stores nothing.
 */
class RegistrationPolicyTest {

  private static final String ADMIN_EMAIL = "policy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().config(ConfigKeys.AUTH_ADMIN_EMAILS, ADMIN_EMAIL).build();

  private static String admin;

  @BeforeAll
  static void theAdmin() {
    admin = harness.register(AuthHarness.registration(AuthHarness.uniqueName("policy")).put("email", ADMIN_EMAIL))
      .getString("accessToken");
  }

  @AfterEach
  void openAgain() {
    assertThat(settings(new JsonObject().put("registration", "open").put("maxAccounts", 0)).statusCode()).isEqualTo(200);
  }

  @Test
  void aClosedServerTakesNobodyButItsConfiguredAdmins() {
    HttpResponse<Buffer> changed = settings(new JsonObject().put("registration", "closed"));
    assertThat(changed.bodyAsJsonObject().getString("registration")).isEqualTo("closed");
    assertThat(harness.get("/admin/settings", admin).bodyAsJsonObject().getString("registration")).isEqualTo("closed");

    String username = AuthHarness.uniqueName("late");
    HttpResponse<Buffer> refused = harness.post("/auth/register", AuthHarness.registration(username));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(errorCode(refused)).isEqualTo("auth.registration_closed");
    assertThat(harness.usersNamed(username, username + "@example.org")).isZero();
  }

  @Test
  void anInviteOnlyServerTakesEachCodeOnce() {
    settings(new JsonObject().put("registration", "invite"));
    String without = AuthHarness.uniqueName("uninvited");
    HttpResponse<Buffer> refused = harness.post("/auth/register", AuthHarness.registration(without));
    assertThat(errorCode(refused)).isEqualTo("auth.invite_required");
    HttpResponse<Buffer> forged = harness.post("/auth/register", AuthHarness.registration(without).put("inviteCode", "made-up"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(errorCode(forged)).isEqualTo("auth.invite_required");
    assertThat(harness.usersNamed(without, without + "@example.org")).isZero();

    HttpResponse<Buffer> issued = harness.post("/admin/invites", admin, new JsonObject().put("expiresInHours", 2));
    assertThat(issued.statusCode()).isEqualTo(201);
    String code = issued.bodyAsJsonObject().getString("code");
    String invited = AuthHarness.uniqueName("invited");
    assertThat(harness.post("/auth/register", AuthHarness.registration(invited).put("inviteCode", code)).statusCode()).isEqualTo(201);
    String second = AuthHarness.uniqueName("second");
    assertThat(errorCode(harness.post("/auth/register", AuthHarness.registration(second).put("inviteCode", code))))
      .as("a code is good once").isEqualTo("auth.invite_required");
    assertThat(harness.get("/admin/invites", admin).bodyAsJsonObject().getJsonArray("items").stream()
      .map(JsonObject.class::cast).anyMatch(item -> "used".equals(item.getString("state"))
        && invited.equals(item.getString("usedBy")))).isTrue();
  }

  @Test
  void aFullServerTakesNoMoreAccounts() {
    long accounts = harness.count("SELECT count(*) FROM users WHERE deleted_at IS NULL");
    settings(new JsonObject().put("maxAccounts", accounts + 1));
    assertThat(harness.post("/auth/register", AuthHarness.registration(AuthHarness.uniqueName("last"))).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> full = harness.post("/auth/register", AuthHarness.registration(AuthHarness.uniqueName("over")));
    assertThat(full.statusCode()).isEqualTo(403);
    assertThat(errorCode(full)).isEqualTo("auth.account_limit_reached");
    assertThat(harness.count("SELECT count(*) FROM users WHERE deleted_at IS NULL")).isEqualTo(accounts + 1);
  }

  @Test
  void badSettingsAreRefusedAndChangeNothing() {
    JsonObject before = harness.get("/admin/settings", admin).bodyAsJsonObject();
    for (JsonObject bad : new JsonObject[] {
      new JsonObject(), new JsonObject().put("registration", "sometimes"), new JsonObject().put("maxAccounts", -1),
      new JsonObject().put("messageRetentionDays", 1.5), new JsonObject().put("mediaRetentionDays", "ten"),
      new JsonObject().put("registration", "closed").put("maxAccounts", 200_000_000)}) {
      HttpResponse<Buffer> refused = settings(bad);
      assertThat(refused.statusCode()).as(bad.encode()).isEqualTo(400);
      assertThat(errorCode(refused)).isEqualTo("request.invalid");
    }
    HttpResponse<Buffer> retention = harness.call(HttpMethod.PUT, "/admin/chats/" + UUID.randomUUID() + "/retention", admin,
      new JsonObject().put("messageRetentionDays", 30));
    assertThat(retention.statusCode()).isEqualTo(404);
    assertThat(errorCode(retention)).isEqualTo("chat.not_found");
    assertThat(errorCode(harness.post("/admin/invites", admin, new JsonObject().put("expiresInHours", 0)))).isEqualTo("request.invalid");
    assertThat(harness.get("/admin/settings", admin).bodyAsJsonObject()).isEqualTo(before);
  }

  private static HttpResponse<Buffer> settings(JsonObject body) {
    return harness.call(HttpMethod.PUT, "/admin/settings", admin, body);
  }
}
