package io.parley.media;

import static io.parley.media.MediaFixture.media;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parley.media.testing.MediaUploads;
import io.parley.media.testing.Samples;
import io.parley.shared.Address;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The whole flow and its refusals, the same in both store modes: each mode's class gives the
 * fixture ({@link LocalUploadFlowTest}, {@link S3UploadFlowTest}).
 */
abstract class UploadFlowContract {

  abstract MediaFixture fixture();

  private MediaUploads uploads() {
    return fixture().uploads();
  }

  @Test
  void aPhotoIsUploadedCheckedAndDownloadedWithItsThumbnail() throws Exception {
    UUID alice = fixture().user();
    byte[] photo = Samples.jpeg(1024, 768);

    HttpResponse<Buffer> asked = fixture().rest(HttpMethod.POST, "/media", alice, new JsonObject()
      .put("kind", "image").put("contentType", "image/jpeg").put("size", photo.length).put("fileName", "beach.jpg"));
    assertThat(asked.statusCode()).isEqualTo(201);
    JsonObject created = asked.bodyAsJsonObject();
    assertThat(created.getString("status")).isEqualTo("pending");
    assertThat(created.getJsonObject("upload").getString("method")).isEqualTo("PUT");
    assertThat(created.getJsonObject("upload").getJsonObject("headers").getString("Content-Type")).isEqualTo("image/jpeg");
    assertThat(Instant.parse(created.getString("expiresAt"))).isBetween(Instant.now(), Instant.now().plus(Duration.ofMinutes(16)));

    assertThat(uploads().put(created, photo).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> completed = fixture().rest(HttpMethod.POST, "/media/" + created.getString("id") + "/complete", alice, null);
    assertThat(completed.statusCode()).isEqualTo(200);
    JsonObject ready = completed.bodyAsJsonObject();
    assertThat(ready.getString("status")).isEqualTo("ready");
    assertThat(ready.getString("kind")).isEqualTo("image");
    assertThat(ready.getString("contentType")).isEqualTo("image/jpeg");
    assertThat(ready.getLong("size")).isEqualTo(photo.length);
    assertThat(ready.getString("fileName")).isEqualTo("beach.jpg");
    assertThat(ready.getInteger("width")).isEqualTo(1024);
    assertThat(ready.getInteger("height")).isEqualTo(768);
    assertThat(ready.getJsonObject("thumbnail")).isEqualTo(new JsonObject().put("contentType", "image/jpeg")
      .put("width", 320).put("height", 240));

    JsonObject download = fixture().rest(HttpMethod.GET, "/media/" + created.getString("id"), alice, null).bodyAsJsonObject();
    assertThat(Instant.parse(download.getString("expiresAt"))).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
    HttpResponse<Buffer> bytes = uploads().fetch(download.getString("url"), Map.of());
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(bytes.getHeader("Content-Disposition")).startsWith("inline");
    assertThat(bytes.body().getBytes()).isEqualTo(photo);
    HttpResponse<Buffer> thumbnail = uploads().fetch(download.getString("thumbnailUrl"), Map.of());
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.body().getBytes()));
    assertThat(small.getWidth()).isEqualTo(320);
    assertThat(small.getHeight()).isEqualTo(240);
  }

  @Test
  void aRangeRequestGetsJustThoseBytes() {
    UUID alice = fixture().user();
    byte[] video = Samples.mp4(true);
    JsonObject ready = uploads().upload(alice, "video", "video/mp4", video, "clip.mp4");
    String url = fixture().call(alice, Address.MEDIA_GET, media(ready.getString("id"))).getString("url");

    HttpResponse<Buffer> part = uploads().fetch(url, Map.of("Range", "bytes=100-1099"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.getHeader("Content-Range")).isEqualTo("bytes 100-1099/" + video.length);
    assertThat(part.body().getBytes()).isEqualTo(Arrays.copyOfRange(video, 100, 1100));
  }

  @Test
  void eachKindGetsItsMetadataFromItsBytes() {
    UUID alice = fixture().user();
    JsonObject png = uploads().upload(alice, "image", "image/png", Samples.png(300, 200), null);
    assertThat(png.getJsonObject("thumbnail").getString("contentType")).isEqualTo("image/png");
    JsonObject gif = uploads().upload(alice, "image", "image/gif", Samples.gif(90, 60), null);
    assertThat(gif.getJsonObject("thumbnail")).isEqualTo(new JsonObject().put("contentType", "image/jpeg")
      .put("width", 90).put("height", 60));
    JsonObject webp = uploads().upload(alice, "image", "image/webp", Samples.webp(), null);
    assertThat(webp.getInteger("width")).isEqualTo(640);
    JsonObject turned = uploads().upload(alice, "image", "image/jpeg", Samples.jpeg(800, 400, 6), null);
    assertThat(turned.getInteger("width")).isEqualTo(400);
    assertThat(turned.getInteger("height")).isEqualTo(800);

    JsonObject clip = uploads().upload(alice, "video", "video/mp4", Samples.mp4(false), "clip.mp4");
    assertThat(clip.getLong("durationMs")).isCloseTo(2000L, within(100L));
    assertThat(clip.getInteger("width")).isEqualTo(320);
    assertThat(clip.containsKey("thumbnail")).isFalse();
    JsonObject voice = uploads().upload(alice, "audio", "audio/webm;codecs=opus", Samples.liveWebm(), null);
    assertThat(voice.getString("contentType")).isEqualTo("audio/webm");
    assertThat(voice.getLong("durationMs")).isCloseTo(2000L, within(100L));
    assertThat(uploads().upload(alice, "audio", "audio/mpeg", Samples.mp3(), "tone.mp3").getLong("durationMs"))
      .isCloseTo(3000L, within(100L));
    assertThat(uploads().upload(alice, "audio", "audio/wav", Samples.wav(1200), null).getLong("durationMs")).isEqualTo(1200L);

    JsonObject pdf = uploads().upload(alice, "document", "application/pdf", Samples.pdf(), "plan.pdf");
    assertThat(pdf.getString("fileName")).isEqualTo("plan.pdf");
    String url = fixture().call(alice, Address.MEDIA_GET, media(pdf.getString("id"))).getString("url");
    HttpResponse<Buffer> file = uploads().fetch(url, Map.of());
    assertThat(file.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"plan.pdf\"; filename*=UTF-8''plan.pdf");
    assertThat(file.getHeader("Content-Type")).isEqualTo("application/pdf");
  }

  @Test
  void anHtmlPageDisguisedAsAPhotoIsRefusedAndStaysUnusable() {
    UUID mallory = fixture().user();
    JsonObject created = uploads().create(mallory, "image", "image/jpeg", Samples.html().length, "cat.jpg");
    uploads().put(created, Samples.html());
    JsonObject ask = media(created.getString("id"));

    fixture().assertRefused(mallory, Address.MEDIA_COMPLETE, ask, "media.type_mismatch", 422);
    fixture().assertRefused(mallory, Address.MEDIA_COMPLETE, ask, "media.type_mismatch", 422);
    fixture().assertRefused(mallory, Address.MEDIA_ATTACH, ask.copy().put("kind", "image"), "media.not_ready", 409);
    JsonObject seen = fixture().call(mallory, Address.MEDIA_GET, ask);
    assertThat(seen.getString("status")).isEqualTo("rejected");
    assertThat(seen.containsKey("url")).isFalse();
  }

  @Test
  void aPixelBombAndACorruptImageAreRefused() {
    UUID mallory = fixture().user();
    byte[] bomb = Samples.pixelBomb(30_000, 30_000);
    JsonObject created = uploads().create(mallory, "image", "image/png", bomb.length, null);
    uploads().put(created, bomb);
    fixture().assertRefused(mallory, Address.MEDIA_COMPLETE, media(created.getString("id")), "media.too_many_pixels", 422);

    byte[] corrupt = Samples.corruptJpeg();
    JsonObject broken = uploads().create(mallory, "image", "image/jpeg", corrupt.length, null);
    uploads().put(broken, corrupt);
    fixture().assertRefused(mallory, Address.MEDIA_COMPLETE, media(broken.getString("id")), "media.unreadable", 422);
  }

  @Test
  void aDeclaredTypeOrSizeTheKindDoesNotAllowIsRefusedBeforeAnyUpload() {
    UUID alice = fixture().user();
    JsonObject body = new JsonObject().put("kind", "image").put("contentType", "image/jpeg").put("size", 26L << 20);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body, "media.too_large", 422);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body.copy().put("size", 10).put("contentType", "text/html"),
      "media.type_not_allowed", 422);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body.copy().put("size", 10).put("contentType", "image/heic"),
      "media.type_not_allowed", 422);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body.copy().put("size", 10).put("contentType", "image/svg+xml"),
      "media.type_not_allowed", 422);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body.copy().put("size", 10).put("kind", "sticker"),
      "media.invalid_kind", 422);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, body.copy().put("size", 0), "request.invalid", 400);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, new JsonObject().put("kind", "document")
      .put("contentType", "application/pdf").put("size", 10), "request.invalid", 400);
    fixture().assertRefused(alice, Address.MEDIA_CREATE, new JsonObject().put("kind", "document")
      .put("contentType", "application/pdf").put("size", 10).put("fileName", "../etc/passwd"), "request.invalid", 400);
    assertThat(fixture().scalar("SELECT count(*) FROM media WHERE owner_id = $1", alice)).isEqualTo(0L);
  }

  @Test
  void completingBeforeTheUploadWaitsForTheBytes() {
    UUID alice = fixture().user();
    byte[] photo = Samples.jpeg(200, 100);
    JsonObject created = uploads().create(alice, "image", "image/jpeg", photo.length, null);
    fixture().assertRefused(alice, Address.MEDIA_COMPLETE, media(created.getString("id")), "media.not_uploaded", 409);
    uploads().put(created, photo);
    assertThat(uploads().complete(alice, created.getString("id")).getString("status")).isEqualTo("ready");
    assertThat(uploads().complete(alice, created.getString("id")).getString("status")).as("again").isEqualTo("ready");
  }

  @Test
  void nobodyCompletesAttachesOrSeesSomeoneElsesMedia() {
    UUID alice = fixture().user();
    UUID mallory = fixture().user();
    JsonObject photo = uploads().photo(alice);
    byte[] bytes = Samples.jpeg(100, 100);
    JsonObject pending = uploads().create(alice, "image", "image/jpeg", bytes.length, null);
    uploads().put(pending, bytes);

    fixture().assertRefused(mallory, Address.MEDIA_COMPLETE, media(pending.getString("id")), "media.not_found", 404);
    fixture().assertRefused(mallory, Address.MEDIA_ATTACH, media(photo.getString("id")).put("kind", "image"),
      "media.not_found", 404);
    fixture().assertRefused(mallory, Address.MEDIA_GET, media(photo.getString("id")), "media.not_found", 404);
    fixture().assertRefused(mallory, Address.MEDIA_GET, media(UUID.randomUUID().toString()), "media.not_found", 404);
    fixture().assertRefused(mallory, Address.MEDIA_DELETE, media(photo.getString("id")), "media.not_found", 404);
    assertThat(fixture().rest(HttpMethod.GET, "/media/" + photo.getString("id"), mallory, null).statusCode()).isEqualTo(404);
    assertThat(fixture().scalar("SELECT status FROM media WHERE id = $1", UUID.fromString(pending.getString("id"))))
      .isEqualTo("pending");
  }

  @Test
  void attachingNeedsAReadyMediaOfTheRightKind() {
    UUID alice = fixture().user();
    JsonObject photo = uploads().photo(alice);
    JsonObject metadata = fixture().call(alice, Address.MEDIA_ATTACH, media(photo.getString("id")).put("kind", "image"));
    assertThat(metadata).isEqualTo(new JsonObject().put("id", photo.getString("id")).put("kind", "image")
      .put("contentType", "image/jpeg").put("size", photo.getLong("size")).put("fileName", "photo.jpg")
      .put("width", 640).put("height", 480).put("thumbnail", new JsonObject().put("width", 320).put("height", 240)));
    fixture().assertRefused(alice, Address.MEDIA_ATTACH, media(photo.getString("id")).put("kind", "video"),
      "media.kind_mismatch", 422);
    JsonObject pending = uploads().create(alice, "image", "image/jpeg", 10, null);
    fixture().assertRefused(alice, Address.MEDIA_ATTACH, media(pending.getString("id")).put("kind", "image"),
      "media.not_ready", 409);
  }

  @Test
  void tooManyPendingUploadsAreRefusedUntilOneIsCancelled() {
    UUID alice = fixture().user();
    JsonObject body = new JsonObject().put("kind", "document").put("contentType", "application/pdf").put("size", 10)
      .put("fileName", "a.pdf");
    String first = null;
    for (int i = 0; i < 5; i++) {
      String id = fixture().call(alice, Address.MEDIA_CREATE, body).getString("id");
      first = first == null ? id : first;
    }
    HttpResponse<Buffer> refused = fixture().rest(HttpMethod.POST, "/media", alice, body);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("media.too_many_pending");

    assertThat(fixture().rest(HttpMethod.DELETE, "/media/" + first, alice, null).statusCode()).isEqualTo(204);
    assertThat(fixture().scalar("SELECT count(*) FROM media WHERE id = $1", UUID.fromString(first))).isEqualTo(0L);
    assertThat(fixture().rest(HttpMethod.POST, "/media", alice, body).statusCode()).isEqualTo(201);
  }

  @Test
  void aMediaSomeoneUsesCannotBeDeleted() {
    UUID alice = fixture().user();
    JsonObject photo = uploads().photo(alice);
    fixture().pool().preparedQuery("UPDATE users SET avatar_media_id = $2 WHERE id = $1")
      .execute(Tuple.of(alice, UUID.fromString(photo.getString("id")))).await();
    fixture().assertRefused(alice, Address.MEDIA_DELETE, media(photo.getString("id")), "media.in_use", 409);
  }

  @Test
  void anAvatarIsVisibleToEveryone() {
    UUID alice = fixture().user();
    UUID bob = fixture().user();
    JsonObject photo = uploads().photo(alice);
    fixture().assertRefused(bob, Address.MEDIA_GET, media(photo.getString("id")), "media.not_found", 404);
    fixture().pool().preparedQuery("UPDATE users SET avatar_media_id = $2 WHERE id = $1")
      .execute(Tuple.of(alice, UUID.fromString(photo.getString("id")))).await();
    JsonObject seen = fixture().call(bob, Address.MEDIA_GET, media(photo.getString("id")));
    assertThat(uploads().fetch(seen.getString("url"), Map.of()).statusCode()).isEqualTo(200);
  }
}
