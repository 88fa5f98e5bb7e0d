package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.parley.shared.Address;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flow over the local store, and what only the local store can refuse at the PUT. */
class LocalUploadFlowTest extends UploadFlowContract {

  @RegisterExtension
  static final MediaFixture fixture = MediaFixture.local().build();

  @Override
  MediaFixture fixture() {
    return fixture;
  }

  @Test
  void anUploadOfAnotherLengthThanSignedIsRefusedAtThePut() {
    UUID alice = fixture.user();
    byte[] photo = Samples.jpeg(300, 200);
    JsonObject created = fixture.uploads().create(alice, "image", "image/jpeg", photo.length + 10, null);
    HttpResponse<Buffer> put = fixture.uploads().put(created, photo);
    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(put.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("media.url_invalid");
    fixture.assertRefused(alice, Address.MEDIA_COMPLETE, MediaFixture.media(created.getString("id")), "media.not_uploaded", 409);
  }

  @Test
  void anUploadUrlWritesOnce() {
    UUID alice = fixture.user();
    byte[] photo = Samples.jpeg(300, 200);
    JsonObject created = fixture.uploads().create(alice, "image", "image/jpeg", photo.length, null);
    assertThat(fixture.uploads().put(created, photo).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> again = fixture.uploads().put(created, photo);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("media.object_exists");
  }
}
