package io.parley.auth;

import static io.parley.auth.AuthHarness.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Access tokens: what they carry, and every kind of bad token refused on every authenticated route. */
class AccessTokenTest {

  private static final List<String> AUTHENTICATED = List.of("/me", "/sessions", "/users?q=someone", "/blocks");

  @RegisterExtension
  static final AuthHarness harness = AuthHarness.gatewayAndAuth().build();
  private static JsonObject account;
  private static JsonObject claims;

  @BeforeAll
  static void signUp() {
    account = harness.register(AuthHarness.uniqueName("Token"));
    claims = part(account.getString("accessToken"), 1);
  }

  @Test
  void accessTokenIsAnRs256JwtNamingItsKeyUserAndSession() {
    JsonObject header = part(account.getString("accessToken"), 0);
    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("kid")).isEqualTo(SigningKeys.signingKid(harness.config())).isNotBlank();
    assertThat(claims.getString("sub")).isEqualTo(account.getJsonObject("user").getString("id"));
    assertThat(claims.getString("sid")).isNotBlank();
    assertThat(claims.getString("iss")).isEqualTo("parley");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(900);
    assertThat(harness.get("/me", account.getString("accessToken")).statusCode()).isEqualTo(200);
  }

  @Test
  void expiredTokenIsRefused() {
    long now = Instant.now().getEpochSecond();
    JWTOptions options = new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley");
    String expired = ownKeys(harness.config()).generateToken(claims.copy().put("iat", now - 1000).put("exp", now - 100), options);
    assertRefusedEverywhere(expired);

    // The same token, still valid: only its expiry made the difference.
    String fresh = ownKeys(harness.config()).generateToken(claims.copy().put("iat", now).put("exp", now + 100), options);
    assertThat(harness.get("/me", fresh).statusCode()).isEqualTo(200);
  }

  @Test
  void tamperedTokenIsRefused() {
    JsonObject other = harness.register(AuthHarness.uniqueName("Victim"));
    String[] parts = account.getString("accessToken").split("\\.");
    String forgedClaims = encode(claims.copy().put("sub", other.getJsonObject("user").getString("id")));
    assertRefusedEverywhere(parts[0] + "." + forgedClaims + "." + parts[2]);
  }

  @Test
  void unsignedAlgNoneTokenIsRefused() {
    String header = encode(new JsonObject().put("alg", "none").put("typ", "JWT"));
    assertRefusedEverywhere(header + "." + encode(claims) + ".");
    assertRefusedEverywhere(header + "." + encode(claims));
  }

  @Test
  void hmacTokenKeyedWithThePublicKeyIsRefused() {
    String publicPem = ((JsonObject) ((JsonArray) Config.get(harness.config(), ConfigKeys.AUTH_KEYS)).getValue(0))
      .getString("publicKey");
    JWTAuth hmac = JWTAuth.create(harness.vertx(), new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(publicPem)));
    assertRefusedEverywhere(hmac.generateToken(claims.copy(), new JWTOptions().setAlgorithm("HS256").setIssuer("parley")));
  }

  @Test
  void tokenOfAnUnknownKeyIsRefused() throws Exception {
    Path strangerKeys = Files.createTempDirectory("stranger-keys-");
    JsonArray keys = SigningKeys.loadOrCreate(strangerKeys, Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC));
    JsonObject strangerConfig = Config.set(new JsonObject(), ConfigKeys.AUTH_KEYS, keys);
    String token = ownKeys(strangerConfig).generateToken(claims.copy(),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(600));
    assertThat(part(token, 0).getString("kid")).isNotEqualTo(SigningKeys.signingKid(harness.config()));
    assertRefusedEverywhere(token);

    // The same stranger key claiming to be ours: the kid matches, the signature does not.
    JsonObject impostor = keys.getJsonObject(0).copy().put("kid", SigningKeys.signingKid(harness.config()));
    String forged = ownKeys(Config.set(new JsonObject(), ConfigKeys.AUTH_KEYS, new JsonArray().add(impostor)))
      .generateToken(claims.copy(), new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("parley").setExpiresInSeconds(600));
    assertRefusedEverywhere(forged);
  }

  @Test
  void tokenOfAnotherIssuerIsRefused() {
    String token = ownKeys(harness.config()).generateToken(claims.copy(),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer("someone-else").setExpiresInSeconds(600));
    assertRefusedEverywhere(token);
  }

  @Test
  void missingOrMalformedTokenIsRefused() {
    for (String path : AUTHENTICATED) {
      HttpResponse<Buffer> none = harness.get(path, null);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    }
    assertRefusedEverywhere("not-a-token");
  }

  private static void assertRefusedEverywhere(String token) {
    for (String path : AUTHENTICATED) {
      HttpResponse<Buffer> response = harness.get(path, token);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(errorCode(response)).as(path).isEqualTo("auth.unauthenticated");
    }
  }

  /** A JWTAuth that signs with the given configuration's keys, as an attacker with those keys would. */
  private static JWTAuth ownKeys(JsonObject config) {
    return SigningKeys.jwtAuth(harness.vertx(), config);
  }

  static JsonObject part(String token, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
