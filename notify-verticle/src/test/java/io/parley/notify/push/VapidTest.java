package io.parley.notify.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class VapidTest {

  @Test
  void theTokenIsAnEs256JwtForTheEndpointsOriginThatTheKeyVerifies() throws Exception {
    KeyPair keys = P256.generate();
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Vapid vapid = new Vapid(keys, "mailto:ops@example.org", Clock.fixed(now, ZoneOffset.UTC));

    String header = vapid.authorization(URI.create("https://push.example.net:8443/send/abc?x=1"));

    assertThat(header).startsWith("vapid t=").contains(", k=" + vapid.publicKey());
    String[] jwt = header.substring("vapid t=".length(), header.indexOf(',')).split("\\.");
    assertThat(json(jwt[0])).isEqualTo(new JsonObject().put("typ", "JWT").put("alg", "ES256"));
    JsonObject claims = json(jwt[1]);
    assertThat(claims.getString("aud")).isEqualTo("https://push.example.net:8443");
    assertThat(claims.getString("sub")).isEqualTo("mailto:ops@example.org");
    assertThat(claims.getLong("exp")).isEqualTo(now.getEpochSecond() + 12 * 3600);
    byte[] signature = P256.fromBase64Url(jwt[2]);
    assertThat(signature).hasSize(64);
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(keys.getPublic());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(Vapid.origin(URI.create("https://fcm.googleapis.com:443/fcm/send/x"))).isEqualTo("https://fcm.googleapis.com");
  }

  @Test
  void keysAreCreatedOnceInTheDirectoryAndEveryStarterGetsTheSameOnes() throws Exception {
    Path dir = Files.createTempDirectory("vapid-test");
    ExecutorService starters = Executors.newFixedThreadPool(4);
    try {
      List<Future<KeyPair>> loads = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        loads.add(starters.submit((Callable<KeyPair>) () -> VapidKeys.loadOrCreate(dir)));
      }
      byte[] first = P256.encode((ECPublicKey) loads.get(0).get().getPublic());
      for (Future<KeyPair> load : loads) {
        assertThat(P256.encode((ECPublicKey) load.get().getPublic())).isEqualTo(first);
      }
    } finally {
      starters.shutdown();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()).toList()).containsExactly(VapidKeys.FILE);
    }
    assertThat(P256.encode((ECPublicKey) VapidKeys.loadOrCreate(dir).getPublic()))
      .isEqualTo(P256.encode((ECPublicKey) VapidKeys.loadOrCreate(dir).getPublic()));
  }

  @Test
  void keysGivenInTheConfigurationWinAndMustComeInPairs() throws Exception {
    KeyPair keys = P256.generate();
    JsonObject config = new JsonObject();
    Config.set(config, ConfigKeys.NOTIFY_VAPID_PUBLIC_KEY, P256.base64Url(P256.encode((ECPublicKey) keys.getPublic())));
    Config.set(config, ConfigKeys.NOTIFY_VAPID_PRIVATE_KEY, P256.base64Url(P256.encode((ECPrivateKey) keys.getPrivate())));
    Config.set(config, ConfigKeys.NOTIFY_VAPID_KEY_DIR, "/nonexistent/never-used");

    KeyPair loaded = VapidKeys.load(config);
    assertThat(P256.encode((ECPublicKey) loaded.getPublic())).isEqualTo(P256.encode((ECPublicKey) keys.getPublic()));

    JsonObject half = new JsonObject();
    Config.set(half, ConfigKeys.NOTIFY_VAPID_PUBLIC_KEY, P256.base64Url(P256.encode((ECPublicKey) keys.getPublic())));
    assertThatThrownBy(() -> VapidKeys.load(half)).isInstanceOf(IllegalStateException.class);
  }

  private static JsonObject json(String base64Url) {
    return new JsonObject(new String(P256.fromBase64Url(base64Url), StandardCharsets.UTF_8));
  }
}
