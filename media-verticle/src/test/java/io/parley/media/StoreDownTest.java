package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An S3 that cannot be reached: completing is 503 and changes nothing, so the client can retry. */
class StoreDownTest {

  @RegisterExtension
  static final MediaFixture fixture = MediaFixture.s3()
    .prepare((vertx, config) -> {
      Config.set(config, ConfigKeys.MEDIA_S3_ENDPOINT, "http://127.0.0.1:" + FreePorts.next());
      return Future.succeededFuture();
    })
    .build();

  @Test
  void completingWhileTheStoreIsDownIs503AndTheUploadStaysPending() {
    UUID alice = fixture.user();
    JsonObject created = fixture.uploads().create(alice, "image", "image/jpeg", 1000, null);

    fixture.assertRefused(alice, Address.MEDIA_COMPLETE, MediaFixture.media(created.getString("id")), "service.unavailable", 503);

    assertThat(fixture.scalar("SELECT status FROM media WHERE id = $1", UUID.fromString(created.getString("id"))))
      .isEqualTo("pending");
  }
}
