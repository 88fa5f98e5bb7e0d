package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.media.testing.Samples;
import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.parley.testkit.Poll;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The orphan job, with the media service's clock moved forward: uploads never completed go after
 * an hour, refused ones too, ready media nothing references after a day, and a media whose last
 * reference went one grace period later; whatever is referenced stays.
 */
class OrphanJobTest {

  private static final MutableClock clock = new MutableClock();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension
  static final MediaFixture fixture = MediaFixture.local(clock)
    .config(ConfigKeys.MEDIA_ORPHAN_INTERVAL, 1)
    .build();

  @Test
  void unusedMediaAreRemovedWithTheirObjectsAndUsedOnesStay() throws Exception {
    UUID alice = fixture.user();
    JsonObject neverUploaded = fixture.uploads().create(alice, "image", "image/jpeg", 100, null);
    byte[] photo = Samples.jpeg(400, 300);
    JsonObject neverCompleted = fixture.uploads().create(alice, "image", "image/jpeg", photo.length, null);
    fixture.uploads().put(neverCompleted, photo);
    JsonObject refused = fixture.uploads().create(alice, "image", "image/jpeg", Samples.html().length, null);
    fixture.uploads().put(refused, Samples.html());
    fixture.uploads().refusal(alice, Address.MEDIA_COMPLETE, MediaFixture.media(refused.getString("id")));
    JsonObject unused = fixture.uploads().photo(alice);
    JsonObject avatar = fixture.uploads().photo(alice);
    setAvatar(alice, avatar.getString("id"));
    assertThat(object("uploads/" + neverCompleted.getString("id"))).exists();

    clock.advance(Duration.ofMinutes(61));
    Poll.until(() -> !exists(neverUploaded) && !exists(neverCompleted) && !exists(refused), WAIT);
    assertThat(object("uploads/" + neverCompleted.getString("id"))).doesNotExist();
    assertThat(exists(unused)).as("ready, within its day").isTrue();

    clock.advance(Duration.ofHours(24));
    Poll.until(() -> !exists(unused), WAIT);
    assertThat(object("uploads/" + unused.getString("id"))).doesNotExist();
    assertThat(object("thumbs/" + unused.getString("id") + ".jpg")).doesNotExist();
    assertThat(exists(avatar)).as("referenced").isTrue();
    assertThat(object("thumbs/" + avatar.getString("id") + ".jpg")).exists();

    setAvatar(alice, null);
    clock.advance(Duration.ofHours(25));
    Poll.until(() -> !exists(avatar), WAIT);
    assertThat(object("uploads/" + avatar.getString("id"))).doesNotExist();
  }

  private static boolean exists(JsonObject media) {
    return (Long) fixture.scalar("SELECT count(*) FROM media WHERE id = $1", UUID.fromString(media.getString("id"))) > 0;
  }

  private static Path object(String key) {
    return Path.of(Config.string(fixture.config(), ConfigKeys.MEDIA_LOCAL_DIR)).resolve(key);
  }

  private static void setAvatar(UUID user, String mediaId) {
    fixture.pool().preparedQuery("UPDATE users SET avatar_media_id = $2 WHERE id = $1")
      .execute(Tuple.of(user, mediaId == null ? null : UUID.fromString(mediaId))).await();
  }
}
