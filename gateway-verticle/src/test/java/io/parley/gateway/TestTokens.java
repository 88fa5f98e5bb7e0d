package io.parley.gateway;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * Signing keys of a gateway test's own, and access tokens signed with them, as the auth service
 * would issue: the gateway under test checks them exactly as it checks real ones.
 */
public final class TestTokens {

  private static final String ISSUER = "parley";

  private final JWTAuth tokens;

  private TestTokens(JWTAuth tokens) {
    this.tokens = tokens;
  }

  /** A {@code ParleyExtension} preparation: fresh signing keys and the issuer, in the configuration. */
  public static Future<?> keys(Vertx vertx, JsonObject config) throws IOException, GeneralSecurityException {
    Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("gateway-keys"), Clock.systemUTC()));
    Config.set(config, ConfigKeys.AUTH_ISSUER, ISSUER);
    return Future.succeededFuture();
  }

  /** Tokens signed with the keys that {@link #keys} put into {@code config}. */
  static TestTokens of(Vertx vertx, JsonObject config) {
    return new TestTokens(SigningKeys.jwtAuth(vertx, config));
  }

  /** An access token for {@code userId}'s session {@code sessionId}, valid for five minutes. */
  String accessToken(String userId, String sessionId) {
    return tokens.generateToken(new JsonObject().put("sub", userId).put("sid", sessionId),
      new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer(ISSUER).setExpiresInSeconds(300));
  }
}
