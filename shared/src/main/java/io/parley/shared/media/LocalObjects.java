package io.parley.shared.media;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.error.MediaErrors;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local object store ({@code media.store = local}): objects are files under one directory,
 * and clients reach them at {@value #PATH_PREFIX}{@code <key>} on the node's own HTTP server with
 * URLs the media service signs, as they would reach S3 with pre-signed URLs. A URL carries its
 * method, expiry, content type and either the exact length of an upload or the disposition of a
 * download, all covered by an HMAC-SHA256 under the store's secret; the gateway verifies it and
 * serves the file, the media service signs and reads the files. Both take this class, so a URL is
 * defined in one place.
 *
 * <p>The files must be on the node that serves them: the local store is for a single node, or
 * for nodes sharing one disk (and one secret). Clusters use S3.
 */
public final class LocalObjects {

  /** Where the gateway serves the store; URLs are relative to the API's origin, so the app stays same-origin. */
  public static final String PATH_PREFIX = "/objects/";

  /** {@code <area>/<uuid>} with an optional extension: nothing else is ever a key, so no path escapes the root. */
  private static final Pattern KEY = Pattern.compile(
    "[a-z]{1,16}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.[a-z0-9]{1,8})?");
  private static final int MIN_SECRET_BYTES = 32;
  private static final String HMAC = "HmacSHA256";

  private final Path root;
  private final SecretKeySpec secret;

  public LocalObjects(Path root, byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("The local store's secret needs at least " + MIN_SECRET_BYTES + " bytes");
    }
    this.root = root.toAbsolutePath().normalize();
    this.secret = new SecretKeySpec(secret, HMAC);
  }

  /** Whether the configuration names a directory and a secret (the node fills both in at start). */
  public static boolean configured(JsonObject config) {
    return Config.string(config, ConfigKeys.MEDIA_LOCAL_DIR) != null && Config.string(config, ConfigKeys.MEDIA_LOCAL_SECRET) != null;
  }

  /** The store the configuration describes; fails when {@link #configured} does not hold. */
  public static LocalObjects from(JsonObject config) {
    if (!configured(config)) {
      throw new IllegalStateException("The local media store needs " + ConfigKeys.MEDIA_LOCAL_DIR + " and "
        + ConfigKeys.MEDIA_LOCAL_SECRET);
    }
    byte[] secret = Base64.getUrlDecoder().decode(Config.string(config, ConfigKeys.MEDIA_LOCAL_SECRET).trim());
    return new LocalObjects(Path.of(Config.string(config, ConfigKeys.MEDIA_LOCAL_DIR)), secret);
  }

  /** Reads the secret kept in {@code file}, or makes one (256 random bits, base64url) and keeps it there. */
  public static String loadOrCreateSecret(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
    byte[] random = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createDirectories(file.getParent());
    Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the directory's own permissions apply.
    }
    return secret;
  }

  public Path root() {
    return root;
  }

  public static boolean validKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  /** The file of an object. */
  public Path path(String key) {
    if (!validKey(key)) {
      throw new IllegalArgumentException("Not an object key: " + key);
    }
    return root.resolve(key);
  }

  /** A URL to upload exactly {@code length} bytes of {@code contentType} to {@code key} until {@code expires}. */
  public String putUrl(String key, String contentType, long length, Instant expires) {
    return url("PUT", key, expires, contentType, Long.toString(length), "");
  }

  /** A URL to read {@code key} until {@code expires}, served as {@code contentType} with {@code disposition}. */
  public String getUrl(String key, String contentType, String disposition, Instant expires) {
    return url("GET", key, expires, contentType, "", disposition);
  }

  /**
   * What a request to {@value #PATH_PREFIX}{@code key} may do, if its URL was signed here for this
   * method ({@code HEAD} counts as {@code GET}) and has not expired; otherwise 403
   * {@code media.url_invalid} or {@code media.url_expired}.
   *
   * @param query the request's query parameters, by name (null when absent)
   */
  public Grant verify(String method, String key, Function<String, String> query, Instant now) {
    String signedMethod = "HEAD".equals(method) ? "GET" : method;
    String expires = orEmpty(query.apply("expires"));
    String type = orEmpty(query.apply("type"));
    String length = orEmpty(query.apply("length"));
    String disposition = orEmpty(query.apply("disposition"));
    String signature = orEmpty(query.apply("signature"));
    if (!validKey(key) || !("GET".equals(signedMethod) || "PUT".equals(signedMethod))) {
      throw MediaErrors.URL_INVALID.exception("This URL was not signed by this store");
    }
    String expected = sign(signedMethod, key, expires, type, length, disposition);
    if (expected.isEmpty()
      || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
      throw MediaErrors.URL_INVALID.exception("The URL's signature does not match: it was changed, or is for another method");
    }
    if (now.getEpochSecond() >= Long.parseLong(expires)) {
      throw MediaErrors.URL_EXPIRED.exception("This URL has expired; ask for a new one");
    }
    return new Grant(signedMethod, key, type, length.isEmpty() ? -1 : Long.parseLong(length), disposition);
  }

  /**
   * A verified request's rights.
   *
   * @param length      the exact upload length of a PUT; -1 for a GET
   * @param disposition the Content-Disposition of a GET; empty for a PUT
   */
  public record Grant(String method, String key, String contentType, long length, String disposition) {
  }

  private String url(String method, String key, Instant expires, String type, String length, String disposition) {
    String expiresAt = Long.toString(expires.getEpochSecond());
    StringBuilder url = new StringBuilder(PATH_PREFIX).append(key)
      .append("?expires=").append(expiresAt)
      .append("&type=").append(encode(type));
    if (!length.isEmpty()) {
      url.append("&length=").append(length);
    }
    if (!disposition.isEmpty()) {
      url.append("&disposition=").append(encode(disposition));
    }
    return url.append("&signature=").append(sign(method, key, expiresAt, type, length, disposition)).toString();
  }

  /** Every field on its own line, so no two different grants sign the same text; empty for malformed fields. */
  private String sign(String method, String key, String expires, String type, String length, String disposition) {
    if (!expires.matches("[0-9]{1,12}") || !length.matches("[0-9]{0,19}") || type.contains("\n") || disposition.contains("\n")) {
      return "";
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      byte[] digest = mac.doFinal(String.join("\n", "parley-local-object-v1", method, key, expires, type, length, disposition)
        .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
