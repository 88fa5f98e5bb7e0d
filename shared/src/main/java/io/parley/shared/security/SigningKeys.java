package io.parley.shared.security;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ES256 keys that sign and verify access tokens. Every verticle and gateway verifies tokens
 * locally with the public keys; only the newest key (key ids sort by creation time) signs.
 *
 * <p>Rotation: add a new key (a new pair of files in the key directory, or a new entry in
 * {@code auth.keys}) on every node; new tokens carry its {@code kid}, while tokens signed by older
 * keys keep verifying until they expire. Remove an old key once its last token has expired.
 */
public final class SigningKeys {

  private static final String ALGORITHM = "ES256";
  private static final DateTimeFormatter KID_FORMAT =
    DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private SigningKeys() {
  }

  /**
   * Reads every key in {@code dir}; creates a first one when there is none (the embedded
   * default). Blocking file I/O: call it at start-up, never on an event loop.
   */
  public static JsonArray loadOrCreate(Path dir, Clock clock) throws IOException, GeneralSecurityException {
    Files.createDirectories(dir);
    JsonArray keys = load(dir);
    if (keys.isEmpty()) {
      create(dir, clock);
      keys = load(dir);
    }
    return keys;
  }

  /** Writes a new key pair to {@code dir}; it becomes the signing key at the next start. */
  public static String create(Path dir, Clock clock) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    String kid = "k" + KID_FORMAT.format(clock.instant());
    Files.writeString(dir.resolve(kid + ".pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    Path privateFile = dir.resolve(kid + ".key.pem");
    Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    privateFile.toFile().setReadable(false, false);
    privateFile.toFile().setReadable(true, true);
    return kid;
  }

  private static JsonArray load(Path dir) throws IOException {
    JsonArray keys = new JsonArray();
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> publicKeys = files.filter(file -> file.getFileName().toString().endsWith(".pub.pem")).sorted().toList();
      for (Path publicKey : publicKeys) {
        String kid = publicKey.getFileName().toString().replace(".pub.pem", "");
        JsonObject key = new JsonObject().put("kid", kid).put("publicKey", Files.readString(publicKey));
        Path privateKey = dir.resolve(kid + ".key.pem");
        if (Files.exists(privateKey)) {
          key.put("privateKey", Files.readString(privateKey));
        }
        keys.add(key);
      }
    }
    return keys;
  }

  /**
   * A JWTAuth that verifies with every configured public key and signs with the newest private
   * key. Only that one private key is loaded: with several, Vert.x would sign with a random one.
   */
  public static JWTAuth jwtAuth(Vertx vertx, JsonObject config) {
    JsonArray keys = Config.get(config, ConfigKeys.AUTH_KEYS) instanceof JsonArray array ? array : new JsonArray();
    if (keys.isEmpty()) {
      // Never fall back to Vert.x's unsecured mode, which accepts unsigned tokens.
      throw new IllegalStateException("No token keys configured (" + ConfigKeys.AUTH_KEYS + ")");
    }
    JWTAuthOptions options = new JWTAuthOptions().setJWTOptions(new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setIssuer(Config.string(config, ConfigKeys.AUTH_ISSUER, "parley"))
      .setLeeway(5));
    JsonObject signing = null;
    for (Object entry : keys) {
      JsonObject key = (JsonObject) entry;
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(key.getString("kid"))
        .setBuffer(key.getString("publicKey")));
      if (key.getString("privateKey") != null
        && (signing == null || key.getString("kid").compareTo(signing.getString("kid")) > 0)) {
        signing = key;
      }
    }
    if (signing != null) {
      options.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setId(signing.getString("kid"))
        .setBuffer(signing.getString("privateKey")));
    }
    return JWTAuth.create(vertx, options);
  }

  /** The kid new tokens are signed with, or null when this node holds no private key. */
  public static String signingKid(JsonObject config) {
    JsonArray keys = Config.get(config, ConfigKeys.AUTH_KEYS) instanceof JsonArray array ? array : new JsonArray();
    return keys.stream().map(JsonObject.class::cast)
      .filter(key -> key.getString("privateKey") != null)
      .map(key -> key.getString("kid"))
      .max(String::compareTo).orElse(null);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
