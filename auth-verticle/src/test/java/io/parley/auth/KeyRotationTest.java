package io.parley.auth;

import static io.parley.auth.AccessTokenTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.security.SigningKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing-key rotation and the JWKS document that publishes the public keys. */
class KeyRotationTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void tokensOfTheOldKeyKeepWorkingWhileNewTokensCarryTheNewKid() throws Exception {
    String username = AuthHarness.uniqueName("Rotate");
    JsonObject before = harness.register(username);
    String oldKid = part(before.getString("accessToken"), 0).getString("kid");

    // A newer key appears in the key directory; the nodes restart with both.
    String newKid = SigningKeys.create(harness.keyDir(), Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
    harness.undeploy();
    harness.deploy();

    assertThat(newKid).isNotEqualTo(oldKid);
    assertThat(harness.get("/me", before.getString("accessToken")).statusCode()).isEqualTo(200);
    JsonObject after = harness.login(username, AuthHarness.PASSWORD, "After rotation");
    assertThat(part(after.getString("accessToken"), 0).getString("kid")).isEqualTo(newKid);
    assertThat(harness.get("/me", after.getString("accessToken")).statusCode()).isEqualTo(200);

    // Sessions outlive keys: the old session refreshes into a token of the new key.
    JsonObject refreshed = harness.post("/auth/refresh",
      new JsonObject().put("refreshToken", before.getString("refreshToken"))).bodyAsJsonObject();
    assertThat(part(refreshed.getString("accessToken"), 0).getString("kid")).isEqualTo(newKid);

    assertThat(jwks().stream().map(JsonObject.class::cast).map(key -> key.getString("kid")).toList())
      .containsExactlyInAnyOrder(oldKid, newKid);
  }

  @Test
  void jwksPublishesPublicKeysThatVerifyOurTokensAndNothingPrivate() throws Exception {
    HttpResponse<Buffer> response = harness.get("/auth/jwks", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).contains("max-age");
    JsonObject account = harness.register(AuthHarness.uniqueName("Jwks"));
    String token = account.getString("accessToken");
    String kid = part(token, 0).getString("kid");

    JsonObject jwk = jwks().stream().map(JsonObject.class::cast)
      .filter(key -> key.getString("kid").equals(kid)).findFirst().orElseThrow();
    assertThat(jwk.fieldNames()).containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
    assertThat(jwk.getString("kty")).isEqualTo("RSA");
    assertThat(jwk.getString("alg")).isEqualTo("RS256");
    assertThat(response.bodyAsString()).doesNotContain("PRIVATE").doesNotContain("\"d\"");

    // A third party holding only the JWKS can check our signature.
    String[] parts = token.split("\\.");
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(publicKey(jwk));
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
  }

  private static JsonArray jwks() {
    return harness.get("/auth/jwks", null).bodyAsJsonObject().getJsonArray("keys");
  }

  private static PublicKey publicKey(JsonObject jwk) throws Exception {
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n"))),
      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")))));
  }
}
