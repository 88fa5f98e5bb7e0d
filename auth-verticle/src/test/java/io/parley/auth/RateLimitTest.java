package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in and sign-up limits per client address and per account. Each test speaks from its own
 * loopback addresses (127.x.y.z), so the per-address counters are its own.
 */
class RateLimitTest {

  private static final int WINDOW_SECONDS = 60;

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth()
    .config(new JsonObject().put("auth", new JsonObject().put("rateLimits", new JsonObject()
      .put("windowSeconds", WINDOW_SECONDS)
      .put("signInPerAddress", 5)
      .put("signInPerAccount", 3)
      .put("signUpPerAddress", 2)
      .put("signUpPerAccount", 2))))
    .build();

  @Test
  void signInsFromOneAddressAreLimited() {
    WebClient client = clientFrom(randomLoopback());
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(client, AuthHarness.uniqueName("Spray"), "some password").statusCode()).isEqualTo(401);
    }
    assertLimited(signIn(client, AuthHarness.uniqueName("Spray"), "some password"));
    // Another address is not affected.
    assertThat(signIn(clientFrom(randomLoopback()), AuthHarness.uniqueName("Spray"), "some password").statusCode())
      .isEqualTo(401);
  }

  @Test
  void signInsToOneAccountAreLimitedPerAddressSoTheOwnersOwnStillWorks() {
    String username = AuthHarness.uniqueName("Target");
    assertThat(register(clientFrom(randomLoopback()), AuthHarness.registration(username)).statusCode()).isEqualTo(201);
    WebClient attacker = clientFrom(randomLoopback());
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(attacker, username, "guess number " + i).statusCode()).isEqualTo(401);
    }
    // Even the right password waits, from the address that spent the budget: the limit must not become a password oracle.
    assertLimited(signIn(attacker, username.toLowerCase(), AuthHarness.PASSWORD));
    // The owner, from an address of their own, is not locked out of their account.
    assertThat(signIn(clientFrom(randomLoopback()), username, AuthHarness.PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void signUpsFromOneAddressAreLimitedAndStoreNothing() {
    WebClient client = clientFrom(randomLoopback());
    assertThat(register(client, AuthHarness.registration(AuthHarness.uniqueName("Farm"))).statusCode()).isEqualTo(201);
    assertThat(register(client, AuthHarness.registration(AuthHarness.uniqueName("Farm"))).statusCode()).isEqualTo(201);
    JsonObject third = AuthHarness.registration(AuthHarness.uniqueName("Farm"));
    assertLimited(register(client, third));
    assertThat(harness.usersNamed(third.getString("username"), third.getString("email"))).isZero();
  }

  @Test
  void signUpsForOneEmailAreLimitedWhateverTheAddress() {
    JsonObject registration = AuthHarness.registration(AuthHarness.uniqueName("Probe"));
    assertThat(register(clientFrom(randomLoopback()), registration).statusCode()).isEqualTo(201);
    JsonObject again = AuthHarness.registration(AuthHarness.uniqueName("Probe")).put("email", registration.getString("email"));
    assertThat(register(clientFrom(randomLoopback()), again).statusCode()).isEqualTo(409);
    assertLimited(register(clientFrom(randomLoopback()), again));
  }

  private static void assertLimited(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(errorCode(response)).isEqualTo("request.rate_limited");
    assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isBetween(1, WINDOW_SECONDS);
  }

  private static HttpResponse<Buffer> signIn(WebClient client, String login, String password) {
    return client.post("/api/v1/auth/login")
      .sendJsonObject(new JsonObject().put("login", login).put("password", password)).await();
  }

  private static HttpResponse<Buffer> register(WebClient client, JsonObject registration) {
    return client.post("/api/v1/auth/register").sendJsonObject(registration).await();
  }

  private static WebClient clientFrom(String localAddress) {
    return WebClient.create(harness.vertx(), new WebClientOptions()
      .setDefaultHost("127.0.0.1")
      .setDefaultPort(harness.httpPort())
      .setLocalAddress(localAddress));
  }

  private static String randomLoopback() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
  }
}
