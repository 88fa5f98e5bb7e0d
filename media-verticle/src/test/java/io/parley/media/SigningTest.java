package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.media.store.ObjectStore.SignedRequest;
import io.parley.media.store.S3ObjectStore;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What S3 URLs sign, read from the URLs themselves: S3Mock checks no signature, so this is where
 * the content type and length of an upload and the expiry of every URL are proven to be signed.
 * (The local store's signatures are refused for real by the gateway's tests.)
 */
class SigningTest {

  private static final S3ObjectStore store = S3ObjectStore.from(config());

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void anUploadUrlSignsItsContentTypeAndLengthAndExpiresInMinutes() {
    SignedRequest put = store.signPut("uploads/0190c3a4-0000-7000-8000-000000000001", "image/jpeg", 12345,
      Instant.now().plus(Duration.ofMinutes(15)));
    Map<String, String> query = query(put.url());
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(query.get("X-Amz-Algorithm")).isEqualTo("AWS4-HMAC-SHA256");
    assertThat(query.get("X-Amz-SignedHeaders").split(";")).contains("content-length", "content-type", "host");
    assertThat(Long.parseLong(query.get("X-Amz-Expires"))).isBetween(890L, 900L);
    assertThat(query.get("X-Amz-Signature")).hasSize(64);
    assertThat(put.headers()).containsExactly(Map.entry("Content-Type", "image/jpeg"));
    assertThat(put.url()).startsWith("https://s3.example.test/parley-media/uploads/");
  }

  @Test
  void aDownloadUrlLastsAtMostAnHourAndFixesHowTheObjectIsServed() {
    SignedRequest get = store.signGet("media/0190c3a4-0000-7000-8000-000000000001", "application/pdf",
      "attachment; filename=\"plan.pdf\"", Instant.now().plus(MediaSettings.LONGEST_DOWNLOAD));
    Map<String, String> query = query(get.url());
    assertThat(Long.parseLong(query.get("X-Amz-Expires"))).isLessThanOrEqualTo(3600L);
    assertThat(query.get("response-content-type")).isEqualTo("application/pdf");
    assertThat(query.get("response-content-disposition")).isEqualTo("attachment; filename=\"plan.pdf\"");
    assertThat(get.expiresAt()).isBeforeOrEqualTo(Instant.now().plus(Duration.ofHours(1)));
  }

  @Test
  void aDownloadTtlOverAnHourIsAConfigurationError() {
    JsonObject config = config();
    Config.set(config, ConfigKeys.MEDIA_DOWNLOAD_URL_TTL, 7200);
    assertThatThrownBy(() -> MediaSettings.from(config))
      .isInstanceOf(IllegalStateException.class);
  }

  private static JsonObject config() {
    JsonObject config = new JsonObject();
    Config.set(config, ConfigKeys.MEDIA_STORE, "s3");
    Config.set(config, ConfigKeys.MEDIA_S3_BUCKET, "parley-media");
    Config.set(config, ConfigKeys.MEDIA_S3_ENDPOINT, "http://10.0.0.5:9000");
    Config.set(config, ConfigKeys.MEDIA_S3_PUBLIC_ENDPOINT, "https://s3.example.test");
    Config.set(config, ConfigKeys.MEDIA_S3_PATH_STYLE, true);
    Config.set(config, ConfigKeys.MEDIA_S3_ACCESS_KEY_ID, "AKIDEXAMPLE");
    Config.set(config, ConfigKeys.MEDIA_S3_SECRET_ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    return config;
  }

  private static Map<String, String> query(String url) {
    Map<String, String> params = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return params;
  }
}
