package io.parley.notify.push;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's VAPID key pair: given in the configuration (base64url public point and private
 * scalar, the form {@code web-push generate-vapid-keys} prints), or kept in a key directory and
 * created there on first start. Every node running the notify role must use the same pair: a
 * browser's subscription is bound to the key it subscribed with.
 */
public final class VapidKeys {

  static final String FILE = "vapid.pem";
  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

  private VapidKeys() {
  }

  /** The configured pair, or the one in the key directory (created if missing). Blocking file I/O. */
  public static KeyPair load(JsonObject config) throws IOException {
    String publicKey = Config.string(config, ConfigKeys.NOTIFY_VAPID_PUBLIC_KEY);
    String privateKey = Config.string(config, ConfigKeys.NOTIFY_VAPID_PRIVATE_KEY);
    if (publicKey != null || privateKey != null) {
      if (publicKey == null || privateKey == null) {
        throw new IllegalStateException("Give both " + ConfigKeys.NOTIFY_VAPID_PUBLIC_KEY + " and "
          + ConfigKeys.NOTIFY_VAPID_PRIVATE_KEY + ", or neither");
      }
      return new KeyPair(P256.publicKey(P256.fromBase64Url(publicKey)), P256.privateKey(P256.fromBase64Url(privateKey)));
    }
    return loadOrCreate(keyDir(config));
  }

  /** {@code notify.vapid.keyDir}, else {@code <node.dataDir>/vapid}. */
  static Path keyDir(JsonObject config) {
    String dir = Config.string(config, ConfigKeys.NOTIFY_VAPID_KEY_DIR);
    return dir != null ? Path.of(dir) : Path.of(Config.string(config, ConfigKeys.NODE_DATA_DIR, "data"), "vapid");
  }

  /**
   * Reads {@code vapid.pem} (a PKCS#8 private key and its X.509 public key), creating it first if
   * it does not exist. Several verticle instances may start at once: a new pair is written to a
   * file of its own and hard-linked into place, which fails if another got there first, so all of
   * them end up with the one pair that won.
   */
  static KeyPair loadOrCreate(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      Path candidate = Files.createTempFile(dir, "vapid-", ".pem");
      try {
        Files.writeString(candidate, pem(P256.generate()), StandardCharsets.US_ASCII);
        candidate.toFile().setReadable(false, false);
        candidate.toFile().setReadable(true, true);
        Files.createLink(file, candidate);
      } catch (FileAlreadyExistsException anotherWasFirst) {
        // read theirs below
      } finally {
        Files.deleteIfExists(candidate);
      }
    }
    return parse(Files.readString(file, StandardCharsets.US_ASCII));
  }

  static String pem(KeyPair pair) {
    return block("PRIVATE KEY", pair.getPrivate().getEncoded()) + block("PUBLIC KEY", pair.getPublic().getEncoded());
  }

  static KeyPair parse(String pem) {
    byte[] privateDer = null;
    byte[] publicDer = null;
    Matcher blocks = BLOCK.matcher(pem);
    while (blocks.find()) {
      byte[] der = Base64.getMimeDecoder().decode(blocks.group(2).strip());
      if (blocks.group(1).equals("PRIVATE KEY")) {
        privateDer = der;
      } else if (blocks.group(1).equals("PUBLIC KEY")) {
        publicDer = der;
      }
    }
    if (privateDer == null || publicDer == null) {
      throw new IllegalStateException(FILE + " needs a PRIVATE KEY and a PUBLIC KEY block");
    }
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(publicDer));
      ECPrivateKey privateKey = (ECPrivateKey) ec.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
      // Through the raw forms, so a key of another curve is refused here.
      return new KeyPair(P256.publicKey(P256.encode(publicKey)), P256.privateKey(P256.encode(privateKey)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException(FILE + " does not hold a P-256 key pair", e);
    }
  }

  private static String block(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
