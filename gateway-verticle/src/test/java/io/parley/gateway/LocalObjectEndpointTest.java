package io.parley.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.shared.media.LocalObjects;
import io.parley.shared.security.SigningKeys;
import io.parley.testkit.ParleyExtension;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local object store's endpoint on a real gateway, with URLs signed as the media service
 * signs them: uploads of exactly what was signed, written once; downloads with ranges and safe
 * headers; and every tampered, expired or mismatched request refused with 403.
 */
class LocalObjectEndpointTest {

  @RegisterExtension
  static final ParleyExtension gateway = ParleyExtension.onSharedBackends()
    .httpOnFreePort()
    .prepare((vertx, config) -> {
      Config.set(config, ConfigKeys.AUTH_KEYS, SigningKeys.loadOrCreate(Files.createTempDirectory("object-keys"),
        Clock.systemUTC()));
      return Future.succeededFuture();
    })
    .deploy(GatewayVerticle::new)
    .build();

  private static final byte[] BYTES = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

  private static LocalObjects objects() {
    return LocalObjects.from(gateway.config());
  }

  private static Instant soon() {
    return Instant.now().plus(Duration.ofMinutes(5));
  }

  private static String newKey() {
    return "uploads/" + UUID.randomUUID();
  }

  private static HttpResponse<Buffer> put(String url, String type, byte[] body) {
    HttpRequest<Buffer> request = gateway.http().request(HttpMethod.PUT, url);
    if (type != null) {
      request.putHeader("Content-Type", type);
    }
    return request.sendBuffer(Buffer.buffer(body)).await();
  }

  private static HttpResponse<Buffer> get(String url, String range) {
    HttpRequest<Buffer> request = gateway.http().request(HttpMethod.GET, url);
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }

  private static String code(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getString("code");
  }

  /** An object uploaded through the endpoint. */
  private static String stored() {
    String key = newKey();
    assertThat(put(objects().putUrl(key, "text/plain", BYTES.length, soon()), "text/plain", BYTES).statusCode()).isEqualTo(200);
    return key;
  }

  @Test
  void anUploadOfExactlyWhatWasSignedIsStoredAndServed() {
    String key = stored();
    HttpResponse<Buffer> read = get(objects().getUrl(key, "text/plain", "attachment; filename=\"a.txt\"", soon()), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body().getBytes()).isEqualTo(BYTES);
    assertThat(read.getHeader("Content-Type")).isEqualTo("text/plain");
    assertThat(read.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"a.txt\"");
    assertThat(read.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(read.getHeader("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
    assertThat(read.getHeader("Accept-Ranges")).isEqualTo("bytes");
    assertThat(read.getHeader("Content-Encoding")).isNull();
  }

  @Test
  void rangesAreServedAs206AndARangeBeyondTheEndIs416() {
    String url = objects().getUrl(stored(), "text/plain", "", soon());
    HttpResponse<Buffer> middle = get(url, "bytes=10-19");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.getHeader("Content-Range")).isEqualTo("bytes 10-19/36");
    assertThat(middle.bodyAsString()).isEqualTo("abcdefghij");
    assertThat(get(url, "bytes=30-").bodyAsString()).isEqualTo("uvwxyz");
    assertThat(get(url, "bytes=-4").bodyAsString()).isEqualTo("wxyz");
    assertThat(get(url, "bytes=30-99").getHeader("Content-Range")).isEqualTo("bytes 30-35/36");
    HttpResponse<Buffer> beyond = get(url, "bytes=36-40");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.getHeader("Content-Range")).isEqualTo("bytes */36");
    assertThat(get(url, "bytes=0-1,4-5").statusCode()).as("several ranges: the whole object").isEqualTo(200);
    HttpResponse<Buffer> head = gateway.http().request(HttpMethod.HEAD, url).send().await();
    assertThat(head.getHeader("Content-Length")).isEqualTo("36");
  }

  @Test
  void aTamperedUrlIsRefusedWith403() {
    String key = newKey();
    String url = objects().putUrl(key, "text/plain", BYTES.length, soon());
    assertThat(code(put(url.replace("signature=", "signature=x"), "text/plain", BYTES))).isEqualTo("media.url_invalid");
    assertThat(code(put(url.replace("length=36", "length=35"), "text/plain", Buffer.buffer(BYTES).getBytes(0, 35))))
      .isEqualTo("media.url_invalid");
    assertThat(code(put(url.replace(key, newKey()), "text/plain", BYTES))).isEqualTo("media.url_invalid");
    HttpResponse<Buffer> forged = put(new LocalObjects(objects().root(), new byte[32]).putUrl(key, "text/plain",
      BYTES.length, soon()), "text/plain", BYTES);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(code(forged)).as("signed with another key").isEqualTo("media.url_invalid");
    String read = objects().getUrl(stored(), "text/plain", "", soon());
    assertThat(code(get(read.replace("type=text%2Fplain", "type=text%2Fhtml"), null))).isEqualTo("media.url_invalid");
    assertThat(code(put(read, "text/plain", BYTES))).as("a GET URL used to PUT").isEqualTo("media.url_invalid");
    assertThat(Files.exists(objects().path(key))).isFalse();
  }

  @Test
  void anExpiredUrlIsRefusedWith403() {
    String key = newKey();
    HttpResponse<Buffer> late = put(objects().putUrl(key, "text/plain", BYTES.length, Instant.now().minusSeconds(1)),
      "text/plain", BYTES);
    assertThat(late.statusCode()).isEqualTo(403);
    assertThat(code(late)).isEqualTo("media.url_expired");
    HttpResponse<Buffer> stale = get(objects().getUrl(stored(), "text/plain", "", Instant.now().minusSeconds(1)), null);
    assertThat(code(stale)).isEqualTo("media.url_expired");
  }

  @Test
  void anUploadWithOtherHeadersThanSignedIsRefused() {
    String key = newKey();
    String url = objects().putUrl(key, "image/jpeg", BYTES.length, soon());
    HttpResponse<Buffer> otherType = put(url, "text/html", BYTES);
    assertThat(otherType.statusCode()).isEqualTo(403);
    assertThat(code(otherType)).isEqualTo("media.url_invalid");
    assertThat(code(put(url, null, BYTES))).isEqualTo("media.url_invalid");
    assertThat(code(put(url, "image/jpeg", Buffer.buffer(BYTES).appendString("more").getBytes()))).isEqualTo("media.url_invalid");
    assertThat(Files.exists(objects().path(key))).isFalse();
  }

  @Test
  void aKeyIsWrittenOnceAndAMissingObjectIs404() {
    String key = stored();
    HttpResponse<Buffer> again = put(objects().putUrl(key, "text/plain", BYTES.length, soon()), "text/plain", BYTES);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(code(again)).isEqualTo("media.object_exists");
    HttpResponse<Buffer> missing = get(objects().getUrl(newKey(), "text/plain", "", soon()), null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(code(missing)).isEqualTo("media.object_not_found");
    assertThat(get("/objects/../../etc/passwd?expires=9999999999&type=x&signature=y", null).statusCode()).isIn(403, 404);
  }

  @Test
  void theAppsPolicyAllowsTheS3OriginForMediaOnly() {
    assertThat(SecurityHeaders.contentSecurityPolicy(null)).contains("img-src 'self' data: blob:;")
      .contains("connect-src 'self';");
    JsonObject s3 = new JsonObject();
    Config.set(s3, ConfigKeys.MEDIA_STORE, "s3");
    Config.set(s3, ConfigKeys.MEDIA_S3_BUCKET, "photos");
    Config.set(s3, ConfigKeys.MEDIA_S3_ENDPOINT, "https://minio.internal:9000");
    Config.set(s3, ConfigKeys.MEDIA_S3_PUBLIC_ENDPOINT, "https://media.example.org");
    Config.set(s3, ConfigKeys.MEDIA_S3_PATH_STYLE, true);
    assertThat(SecurityHeaders.mediaOrigin(s3)).isEqualTo("https://media.example.org");
    Config.set(s3, ConfigKeys.MEDIA_S3_PUBLIC_ENDPOINT, "");
    Config.set(s3, ConfigKeys.MEDIA_S3_ENDPOINT, "");
    Config.set(s3, ConfigKeys.MEDIA_S3_PATH_STYLE, false);
    Config.set(s3, ConfigKeys.MEDIA_S3_REGION, "eu-west-1");
    assertThat(SecurityHeaders.mediaOrigin(s3)).isEqualTo("https://photos.s3.eu-west-1.amazonaws.com");
    String policy = SecurityHeaders.contentSecurityPolicy(SecurityHeaders.mediaOrigin(s3));
    assertThat(policy).contains("img-src 'self' data: blob: https://photos.s3.eu-west-1.amazonaws.com;")
      .contains("media-src 'self' blob: https://photos.s3.eu-west-1.amazonaws.com;")
      .contains("connect-src 'self' https://photos.s3.eu-west-1.amazonaws.com;")
      .contains("script-src 'self';");
  }
}
