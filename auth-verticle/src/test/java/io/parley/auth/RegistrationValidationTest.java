package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad sign-up answers 4xx with a stable code and stores nothing. */
class RegistrationValidationTest {

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();

  static Stream<Arguments> invalidRegistrations() {
    return Stream.of(
      invalid("missing email", body -> remove(body, "email"), 400, "request.invalid"),
      invalid("missing username", body -> remove(body, "username"), 400, "request.invalid"),
      invalid("missing password", body -> remove(body, "password"), 400, "request.invalid"),
      invalid("missing display name", body -> remove(body, "displayName"), 400, "request.invalid"),
      invalid("null email", body -> body.putNull("email"), 400, "request.invalid"),
      invalid("email without @", body -> body.put("email", "not-an-email"), 400, "auth.invalid_email"),
      invalid("email without a dot in the domain", body -> body.put("email", "someone@localhost"), 400, "auth.invalid_email"),
      invalid("email with a space", body -> body.put("email", "some one@example.org"), 400, "auth.invalid_email"),
      invalid("email over 254 characters", body -> body.put("email", "a".repeat(250) + "@example.org"), 400, "request.invalid"),
      invalid("username too short", body -> body.put("username", "ab"), 400, "auth.invalid_username"),
      invalid("username too long", body -> body.put("username", "u".repeat(33)), 400, "auth.invalid_username"),
      invalid("username with a hyphen", body -> body.put("username", "bad-name"), 400, "auth.invalid_username"),
      invalid("username with a space", body -> body.put("username", "bad name"), 400, "auth.invalid_username"),
      invalid("username with non-ASCII letters", body -> body.put("username", "Jürgen"), 400, "auth.invalid_username"),
      invalid("reserved username", body -> body.put("username", "Admin"), 400, "auth.invalid_username"),
      invalid("huge username", body -> body.put("username", "u".repeat(5000)), 400, "request.invalid"),
      invalid("short password", body -> body.put("password", "short"), 422, "auth.weak_password"),
      invalid("password over 128 characters", body -> body.put("password", "p4ss ".repeat(26)), 422, "auth.weak_password"),
      invalid("password of one repeated character", body -> body.put("password", "aaaaaaaaaaaa"), 422, "auth.weak_password"),
      invalid("password that is a straight run", body -> body.put("password", "1234567890"), 422, "auth.weak_password"),
      invalid("common password", body -> body.put("password", "Password123"), 422, "auth.weak_password"),
      invalid("password containing the username", body -> body.put("password", "my " + body.getString("username") + " pw"),
        422, "auth.weak_password"),
      invalid("blank display name", body -> body.put("displayName", "   "), 400, "request.invalid"),
      invalid("display name over 64 characters", body -> body.put("displayName", "n".repeat(65)), 400, "request.invalid"),
      invalid("display name with a control character", body -> body.put("displayName", "Bell\u0007"), 400, "request.invalid"),
      invalid("device name over 64 characters", body -> body.put("deviceName", "d".repeat(65)), 400, "request.invalid"),
      invalid("email as a number", body -> body.put("email", 42), 400, "request.invalid"),
      invalid("username as an array", body -> body.put("username", new JsonArray().add("x")), 400, "request.invalid"),
      invalid("password as an object", body -> body.put("password", new JsonObject()), 400, "request.invalid"),
      invalid("display name as a boolean", body -> body.put("displayName", true), 400, "request.invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRegistrations")
  void invalidRegistrationIsRefusedAndStoresNothing(String name, UnaryOperator<JsonObject> breakIt, int status, String code) {
    JsonObject valid = AuthHarness.registration(AuthHarness.uniqueName("Bad"));
    HttpResponse<Buffer> response = harness.post("/auth/register", breakIt.apply(valid.copy()));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(errorCode(response)).isEqualTo(code);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message")).isNotBlank();
    assertThat(harness.usersNamed(valid.getString("username"), valid.getString("email"))).isZero();
  }

  @Test
  void weakPasswordSaysWhichRuleItBroke() {
    HttpResponse<Buffer> response = harness.post("/auth/register",
      AuthHarness.registration(AuthHarness.uniqueName("Rule")).put("password", "short"));
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("rule")).isEqualTo("too_short");
  }

  @Test
  void usernameTakenInAnotherLetterCaseIsAConflict() {
    String username = AuthHarness.uniqueName("Taken");
    harness.register(username);

    JsonObject sameNameOtherCase = AuthHarness.registration(username.toUpperCase())
      .put("email", AuthHarness.uniqueName("other").toLowerCase() + "@example.org");
    HttpResponse<Buffer> response = harness.post("/auth/register", sameNameOtherCase);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(errorCode(response)).isEqualTo("auth.username_taken");
    assertThat(harness.usersNamed(username, sameNameOtherCase.getString("email"))).isEqualTo(1);
  }

  @Test
  void emailTakenInAnotherLetterCaseIsAConflict() {
    String username = AuthHarness.uniqueName("Mail");
    JsonObject first = AuthHarness.registration(username);
    harness.register(first);

    String otherName = AuthHarness.uniqueName("Mail");
    JsonObject sameEmail = AuthHarness.registration(otherName).put("email", "  " + first.getString("email").toUpperCase() + " ");
    HttpResponse<Buffer> response = harness.post("/auth/register", sameEmail);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(errorCode(response)).isEqualTo("auth.email_taken");
    assertThat(harness.usersNamed(otherName, first.getString("email"))).isEqualTo(1);
  }

  @Test
  void emailIsStoredNormalised() {
    String username = AuthHarness.uniqueName("Norm");
    JsonObject registration = AuthHarness.registration(username);
    String typed = "  " + registration.getString("email").toUpperCase() + "  ";
    JsonObject registered = harness.register(registration.put("email", typed));
    assertThat(registered.getJsonObject("user").getString("email")).isEqualTo(typed.strip().toLowerCase());
  }

  @Test
  void bodiesThatAreNotJsonObjectsAreRefused() {
    assertThat(errorCode(harness.post("/auth/register", "[]"))).isEqualTo("request.malformed_json");
    assertThat(errorCode(harness.post("/auth/register", "{\"email\":"))).isEqualTo("request.malformed_json");
    HttpResponse<Buffer> huge = harness.post("/auth/register",
      AuthHarness.registration(AuthHarness.uniqueName("Huge")).put("displayName", "x".repeat(70_000)));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(errorCode(huge)).isEqualTo("request.too_large");
  }

  @Test
  void invalidSignInInputIsRefusedBeforeAnyCheck() {
    HttpResponse<Buffer> missing = harness.post("/auth/login", new JsonObject().put("password", "whatever it is"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(errorCode(missing)).isEqualTo("request.invalid");
    HttpResponse<Buffer> wrongType = harness.post("/auth/login", new JsonObject().put("login", 7).put("password", "x"));
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(errorCode(wrongType)).isEqualTo("request.invalid");
  }

  private static Arguments invalid(String name, UnaryOperator<JsonObject> breakIt, int status, String code) {
    return Arguments.of(name, breakIt, status, code);
  }

  private static JsonObject remove(JsonObject body, String field) {
    body.remove(field);
    return body;
  }
}
