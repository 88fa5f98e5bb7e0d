package io.parley.notify.push;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Voluntary Application Server Identification (RFC 8292): every push request carries
 * {@code Authorization: vapid t=<JWT>, k=<public key>}, an ES256 token for the push service's
 * origin, so a push service accepts pushes to a subscription only from the server whose key the
 * browser subscribed with. A token is reused for an hour per origin (signing is not free), and
 * is valid for 12 hours, within the 24 the RFC allows.
 */
public final class Vapid {

  private static final Duration VALID_FOR = Duration.ofHours(12);
  private static final Duration REUSE_FOR = Duration.ofHours(1);
  private static final String HEADER = P256.base64Url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

  private final KeyPair keys;
  private final String publicKey;
  private final String subject;
  private final Clock clock;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();

  private record Token(String header, Instant renewAfter) {
  }

  public Vapid(KeyPair keys, String subject, Clock clock) {
    this.keys = keys;
    this.publicKey = P256.base64Url(P256.encode((ECPublicKey) keys.getPublic()));
    this.subject = subject;
    this.clock = clock;
  }

  /** The key browsers subscribe with ({@code applicationServerKey}): base64url of the uncompressed point. */
  public String publicKey() {
    return publicKey;
  }

  /** The Authorization header value for a push to {@code endpoint}. */
  public String authorization(URI endpoint) {
    String audience = origin(endpoint);
    Instant now = clock.instant();
    Token token = tokens.get(audience);
    if (token == null || now.isAfter(token.renewAfter())) {
      token = new Token("vapid t=" + jwt(audience, now) + ", k=" + publicKey, now.plus(REUSE_FOR));
      tokens.put(audience, token);
    }
    return token.header();
  }

  /** The origin of an endpoint, as the {@code aud} claim names it: scheme, host and a non-default port. */
  static String origin(URI endpoint) {
    int port = endpoint.getPort();
    boolean defaultPort = port == -1 || port == 443 && "https".equals(endpoint.getScheme())
      || port == 80 && "http".equals(endpoint.getScheme());
    return endpoint.getScheme() + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
  }

  private String jwt(String audience, Instant now) {
    JsonObject claims = new JsonObject()
      .put("aud", audience)
      .put("exp", now.plus(VALID_FOR).getEpochSecond())
      .put("sub", subject);
    String signingInput = HEADER + "." + P256.base64Url(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      // ES256 as JWS wants it: r || s, 32 bytes each (IEEE P1363), not DER.
      Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
      signer.initSign(keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + P256.base64Url(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not sign a VAPID token", e);
    }
  }
}
