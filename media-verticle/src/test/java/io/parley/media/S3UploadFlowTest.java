package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.parley.shared.Address;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The flow over S3 (a real S3Mock process). S3Mock does not check the signed length, so an upload
 * of another size reaches the store here, and completion refuses it.
 */
class S3UploadFlowTest extends UploadFlowContract {

  @RegisterExtension
  static final MediaFixture fixture = MediaFixture.s3().build();

  @Override
  MediaFixture fixture() {
    return fixture;
  }

  @Test
  void storedBytesOfAnotherSizeThanDeclaredAreRefusedAndDeleted() {
    UUID alice = fixture.user();
    byte[] photo = Samples.jpeg(300, 200);
    JsonObject created = fixture.uploads().create(alice, "image", "image/jpeg", photo.length + 10, null);
    assertThat(fixture.uploads().put(created, photo).statusCode()).isEqualTo(200);
    fixture.assertRefused(alice, Address.MEDIA_COMPLETE, MediaFixture.media(created.getString("id")), "media.size_mismatch", 422);
    assertThat(fixture.call(alice, Address.MEDIA_GET, MediaFixture.media(created.getString("id"))).getString("status"))
      .isEqualTo("rejected");
  }

  @Test
  void completedBytesAreSealedOutOfReachOfTheUploadUrl() {
    UUID alice = fixture.user();
    byte[] photo = Samples.jpeg(300, 200);
    JsonObject created = fixture.uploads().create(alice, "image", "image/jpeg", photo.length, null);
    fixture.uploads().put(created, photo);
    fixture.uploads().complete(alice, created.getString("id"));
    byte[] other = Samples.html();
    fixture.uploads().put(created, Arrays.copyOf(other, photo.length));

    String url = fixture.call(alice, Address.MEDIA_GET, MediaFixture.media(created.getString("id"))).getString("url");
    assertThat(url).contains("/media/" + created.getString("id"));
    assertThat(fixture.uploads().fetch(url, Map.of()).body().getBytes()).isEqualTo(photo);
  }
}
