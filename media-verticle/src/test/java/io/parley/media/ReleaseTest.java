package io.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.Address;
import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the story service asks when a story went ({@link Address#MEDIA_RELEASE}): the owner's media
 * nothing references any more are removed at once, bytes and thumbnail first; anything still
 * referenced, and anyone else's, stays. Also the other references a story adds: a story's media
 * is attached as an image or a video.
 */
class ReleaseTest {

  @RegisterExtension
  static final MediaFixture fixture = MediaFixture.local().build();

  @Test
  void releasedMediaNothingReferencesAreRemovedNow() {
    UUID alice = fixture.user();
    UUID bob = fixture.user();
    JsonObject loose = fixture.uploads().photo(alice);
    JsonObject inAStory = fixture.uploads().photo(alice);
    JsonObject bobs = fixture.uploads().photo(bob);
    story(alice, inAStory.getString("id"));

    JsonObject answer = fixture.call(alice, Address.MEDIA_RELEASE, new JsonObject().put("mediaIds", new JsonArray()
      .add(loose.getString("id")).add(inAStory.getString("id")).add(bobs.getString("id")).add("not-an-id")));

    assertThat(answer.getJsonArray("released")).containsExactly(loose.getString("id"));
    assertThat(exists(loose)).isFalse();
    assertThat(object("uploads/" + loose.getString("id"))).doesNotExist();
    assertThat(object("thumbs/" + loose.getString("id") + ".jpg")).doesNotExist();
    assertThat(exists(inAStory)).as("a story still holds it").isTrue();
    assertThat(exists(bobs)).as("not Alice's").isTrue();
    assertThat(fixture.call(alice, Address.MEDIA_RELEASE, new JsonObject()).getJsonArray("released")).isEmpty();
  }

  @Test
  void aStoryTakesAnImageOrAVideoNothingElse() {
    UUID alice = fixture.user();
    JsonObject photo = fixture.uploads().photo(alice);
    JsonObject document = fixture.uploads().upload(alice, "document", "application/pdf",
      io.parley.media.testing.Samples.pdf(), "cv.pdf");
    JsonObject anyOf = new JsonObject().put("kinds", new JsonArray(List.of("image", "video")));

    JsonObject attached = fixture.call(alice, Address.MEDIA_ATTACH, anyOf.copy().put("mediaId", photo.getString("id")));
    assertThat(attached.getString("kind")).isEqualTo("image");
    assertThat(attached.getJsonObject("thumbnail")).isNotNull();
    fixture.assertRefused(alice, Address.MEDIA_ATTACH, anyOf.copy().put("mediaId", document.getString("id")),
      "media.kind_mismatch", 422);
    fixture.assertRefused(alice, Address.MEDIA_ATTACH, new JsonObject().put("mediaId", photo.getString("id"))
      .put("kinds", new JsonArray().add("picture")), "media.invalid_kind", 422);
  }

  /** A story row as the story service writes it, for a day. */
  private static void story(UUID author, String mediaId) {
    Instant now = Instant.now();
    fixture.pool().preparedQuery("""
        INSERT INTO stories (id, author_id, kind, media_id, audience, created_at, expires_at)
        VALUES ($1, $2, 'image', $3, 'contacts', $4, $5)""")
      .execute(Tuple.of(UUID.randomUUID(), author, UUID.fromString(mediaId), now.atOffset(ZoneOffset.UTC),
        now.plusSeconds(86_400).atOffset(ZoneOffset.UTC))).await();
  }

  private static boolean exists(JsonObject media) {
    return (Long) fixture.scalar("SELECT count(*) FROM media WHERE id = $1", UUID.fromString(media.getString("id"))) > 0;
  }

  private static Path object(String key) {
    return Path.of(Config.string(fixture.config(), ConfigKeys.MEDIA_LOCAL_DIR)).resolve(key);
  }
}
