package io.parley.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SigningKeysTest {

  @Test
  void aFreshDirectoryGetsAnRsaKeyThatSignsRs256TokensNamedByKid(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("keys");
    JsonObject config = Config.set(new JsonObject(), ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(dir, Clock.systemUTC()));
    JWTAuth auth = SigningKeys.jwtAuth(vertx, config);

    String token = auth.generateToken(new JsonObject().put("sub", "u"),
      new JWTOptions().setAlgorithm(SigningKeys.signingAlgorithm(config)).setIssuer("parley").setExpiresInSeconds(60));

    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0])));
    assertThat(header.getString("alg")).isEqualTo("RS256");
    assertThat(header.getString("kid")).isEqualTo(SigningKeys.signingKid(config));
    assertThat(auth.authenticate(new TokenCredentials(token)).await().principal().getString("sub")).isEqualTo("u");
    assertThat(SigningKeys.loadOrCreate(dir, Clock.systemUTC())).as("a restart keeps the key").hasSize(1);
  }

  @Test
  void anEcKeyAddedByAnOperatorStillVerifiesAndBothAppearInTheJwks(Vertx vertx) throws Exception {
    Path dir = Files.createTempDirectory("keys");
    SigningKeys.create(dir, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = generator.generateKeyPair();
    Files.writeString(dir.resolve("k20250101T000000.pub.pem"), pem("PUBLIC KEY", ec.getPublic().getEncoded()));
    Files.writeString(dir.resolve("k20250101T000000.key.pem"), pem("PRIVATE KEY", ec.getPrivate().getEncoded()));

    JsonArray keys = SigningKeys.loadOrCreate(dir, Clock.systemUTC());
    JsonObject config = Config.set(new JsonObject(), ConfigKeys.AUTH_KEYS, keys);
    assertThat(SigningKeys.signingAlgorithm(config)).as("the newest key signs").isEqualTo("RS256");

    JsonObject ecOnly = Config.set(new JsonObject(), ConfigKeys.AUTH_KEYS, new JsonArray().add(keys.getJsonObject(0)));
    String ecToken = SigningKeys.jwtAuth(vertx, ecOnly).generateToken(new JsonObject().put("sub", "old"),
      new JWTOptions().setAlgorithm("ES256").setIssuer("parley").setExpiresInSeconds(60));
    assertThat(SigningKeys.jwtAuth(vertx, config).authenticate(new TokenCredentials(ecToken)).await().principal().getString("sub"))
      .isEqualTo("old");

    JsonArray jwks = SigningKeys.jwks(config).getJsonArray("keys");
    assertThat(jwks.stream().map(JsonObject.class::cast).map(jwk -> jwk.getString("kty")).toList()).containsExactly("EC", "RSA");
    assertThat(jwks.encode()).doesNotContain("PRIVATE");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
