package io.parley.auth;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.security.SigningKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.UUID;

/**
 * Signs access tokens: JWTs (RS256 with the keys Parley makes) with {@code sub} (user id), {@code sid} (device session id),
 * {@code iss}, {@code iat} and {@code exp}. The header's {@code kid} names the signing key (Vert.x
 * writes the id of the key it signs with), so every node picks the right public key, also during
 * a key rotation. Verification happens wherever a token is presented, without a call to us.
 */
final class TokenIssuer {

  private final JWTAuth jwtAuth;
  private final JWTOptions options;
  private final int ttlSeconds;

  TokenIssuer(JWTAuth jwtAuth, JsonObject config) {
    if (SigningKeys.signingKid(config) == null) {
      throw new IllegalStateException("The auth service needs a private signing key (" + ConfigKeys.AUTH_KEYS + ")");
    }
    this.jwtAuth = jwtAuth;
    this.ttlSeconds = Config.integer(config, ConfigKeys.AUTH_ACCESS_TOKEN_TTL, 900);
    this.options = new JWTOptions()
      .setAlgorithm(SigningKeys.signingAlgorithm(config))
      .setIssuer(Config.string(config, ConfigKeys.AUTH_ISSUER, "parley"))
      .setExpiresInSeconds(ttlSeconds);
  }

  AccessToken issue(UUID userId, UUID sessionId) {
    JsonObject claims = new JsonObject().put("sub", userId.toString()).put("sid", sessionId.toString());
    return new AccessToken(jwtAuth.generateToken(claims, options), ttlSeconds);
  }
}
