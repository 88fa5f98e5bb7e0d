package io.parley.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.e2e.cluster.Rest.Account;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The account work whose secrets pass through every node: sign-in, token refresh, a reused
 * (stolen) refresh token, a password change and an account deletion, the last with a correlation
 * id of the client's choosing.
 */
final class SecretScenario {

  static String deletedAccount;
  static final String correlationId = "scan-" + UUID.randomUUID();

  private final Rest rest;

  SecretScenario(Rest rest) {
    this.rest = rest;
  }

  /** Runs it; returns every secret it used (passwords, access and refresh tokens). */
  List<String> run() throws Exception {
    List<String> secrets = new ArrayList<>();
    Account account = rest.register("secretive");
    secrets.addAll(List.of(account.password(), account.accessToken(), account.refreshToken()));

    JsonObject signedIn = ok(rest.call("POST", "/api/v1/auth/login", null,
      new JsonObject().put("login", account.username()).put("password", account.password()), null), 200);
    secrets.addAll(List.of(signedIn.getString("accessToken"), signedIn.getString("refreshToken")));

    JsonObject refreshed = ok(rest.call("POST", "/api/v1/auth/refresh", null,
      new JsonObject().put("refreshToken", signedIn.getString("refreshToken")), null), 200);
    secrets.addAll(List.of(refreshed.getString("accessToken"), refreshed.getString("refreshToken")));
    // The replaced token again, as a thief would present it: the session is revoked (and logged).
    assertThat(rest.call("POST", "/api/v1/auth/refresh", null,
      new JsonObject().put("refreshToken", signedIn.getString("refreshToken")), null).statusCode()).isEqualTo(401);

    String newPassword = "pw-new-" + UUID.randomUUID();
    secrets.add(newPassword);
    ok(rest.call("POST", "/api/v1/me/password", account.accessToken(),
      new JsonObject().put("currentPassword", account.password()).put("newPassword", newPassword), null), 200);
    JsonObject again = ok(rest.call("POST", "/api/v1/auth/login", null,
      new JsonObject().put("login", account.username()).put("password", newPassword), null), 200);
    secrets.addAll(List.of(again.getString("accessToken"), again.getString("refreshToken")));

    HttpResponse<String> deleted = rest.call("DELETE", "/api/v1/me", again.getString("accessToken"),
      new JsonObject().put("password", newPassword), correlationId);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    deletedAccount = account.id();
    return secrets;
  }

  private static JsonObject ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }
}
