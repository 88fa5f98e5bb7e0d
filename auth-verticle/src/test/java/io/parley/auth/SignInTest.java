package io.parley.auth;

import static io.parley.auth.AuthHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in never tells an attacker which accounts exist, and every attempt is audited. */
class SignInTest {

  private static final Logger log = LoggerFactory.getLogger(SignInTest.class);
  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  @Test
  void unknownUserAndWrongPasswordGetTheSameAnswer() {
    String username = AuthHarness.uniqueName("Known");
    harness.register(username);

    HttpResponse<Buffer> wrongPassword = signIn(username, "not the right password");
    HttpResponse<Buffer> unknownUser = signIn(AuthHarness.uniqueName("Nobody"), "not the right password");
    HttpResponse<Buffer> unknownEmail = signIn(AuthHarness.uniqueName("nobody") + "@example.org", PASSWORD);

    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    JsonObject expected = wrongPassword.bodyAsJsonObject();
    assertThat(expected.getJsonObject("error").getString("code")).isEqualTo("auth.invalid_credentials");
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    assertThat(unknownUser.bodyAsJsonObject()).isEqualTo(expected);
    assertThat(unknownEmail.bodyAsJsonObject()).isEqualTo(expected);
  }

  @Test
  void unknownUserAndWrongPasswordTakeAboutTheSameTime() {
    String username = AuthHarness.uniqueName("Timing");
    harness.register(username);
    String stranger = AuthHarness.uniqueName("Stranger");
    signIn(stranger, "warm up the path once");

    long[] wrongPassword = new long[7];
    long[] unknownUser = new long[7];
    for (int i = 0; i < wrongPassword.length; i++) {
      wrongPassword[i] = timed(username, "wrong password " + i);
      unknownUser[i] = timed(stranger, "wrong password " + i);
    }
    long known = median(wrongPassword);
    long unknown = median(unknownUser);
    log.info("Failed sign-in, median of 7: wrong password {} ms, unknown user {} ms", known / 1_000_000, unknown / 1_000_000);
    // Both pay for one Argon2id verification; without the dummy hash the unknown user would be ~50x
    // faster. The band is wide because a busy build machine stretches single requests unevenly:
    // it still fails at once if the dummy hash goes.
    assertThat((double) unknown / known).isBetween(0.2, 5.0);
  }

  @Test
  void successesAndFailuresAreAuditedWithAddressAndUserAgent() {
    String username = AuthHarness.uniqueName("Audit");
    String userId = harness.register(username).getJsonObject("user").getString("id");
    signIn(username, "not the right password");
    harness.login(username, PASSWORD, "Audited");

    assertThat(harness.auditEvents(userId, "sign_up")).isEqualTo(1);
    assertThat(harness.auditEvents(userId, "sign_in")).isEqualTo(1);
    assertThat(harness.auditEvents(userId, "sign_in_failed")).isEqualTo(1);
    assertThat(harness.count("""
        SELECT count(*) FROM audit_log
        WHERE user_id = $1::uuid AND client_address = '127.0.0.1' AND user_agent = 'parley-tests/1.0'""", userId))
      .isEqualTo(3);

    // An unknown login is kept only as a digest: it might be a password typed into the wrong field.
    String nobody = AuthHarness.uniqueName("Ghost");
    signIn(nobody, "whatever password");
    assertThat(harness.count("""
        SELECT count(*) FROM audit_log
        WHERE user_id IS NULL AND event = 'sign_in_failed' AND details->>'loginDigest' = $1""",
      Digests.of(nobody.toLowerCase()))).isEqualTo(1);
    assertThat(harness.count("SELECT count(*) FROM audit_log WHERE details::text LIKE '%' || $1 || '%'", nobody)).isZero();
  }

  private static long timed(String login, String password) {
    long started = System.nanoTime();
    assertThat(signIn(login, password).statusCode()).isEqualTo(401);
    return System.nanoTime() - started;
  }

  private static long median(long[] samples) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static HttpResponse<Buffer> signIn(String login, String password) {
    return harness.post("/auth/login", new JsonObject().put("login", login).put("password", password));
  }
}
