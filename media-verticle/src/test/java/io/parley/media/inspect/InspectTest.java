package io.parley.media.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.parley.media.testing.Samples;
import io.parley.shared.error.ParleyException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What is read from real sample files: sniffed types, image sizes and thumbnails, durations. */
class InspectTest {

  private static final long MAX_PIXELS = 50_000_000;

  @Test
  void theTypeComesFromTheBytesNotTheName() throws Exception {
    assertThat(Sniffer.detect(new BytesReader(Samples.jpeg(64, 48)), null)).isEqualTo("image/jpeg");
    assertThat(Sniffer.detect(new BytesReader(Samples.png(64, 48)), null)).isEqualTo("image/png");
    assertThat(Sniffer.detect(new BytesReader(Samples.gif(64, 48)), null)).isEqualTo("image/gif");
    assertThat(Sniffer.detect(new BytesReader(Samples.webp()), null)).isEqualTo("image/webp");
    assertThat(Sniffer.detect(new BytesReader(Samples.html()), "photo.jpg")).isEqualTo("text/html");
    assertThat(Sniffer.detect(new BytesReader(Samples.pdf()), "plan.pdf")).isEqualTo("application/pdf");
    assertThat(Sniffer.detect(new BytesReader(Samples.mp4(true)), null)).isIn("video/mp4", "video/quicktime");
    assertThat(Sniffer.detect(new BytesReader(Samples.mp3()), null)).isEqualTo("audio/mpeg");
    assertThat(Sniffer.detect(new BytesReader(Samples.wav(500)), null)).isIn("audio/vnd.wave", "audio/wav", "audio/x-wav");
    assertThat(Sniffer.detect(new BytesReader(Samples.liveWebm()), null)).isIn("video/webm", "audio/webm", "application/x-matroska");
    assertThat(Sniffer.detect(new BytesReader(Samples.oggOpus()), null)).isIn("audio/ogg", "audio/opus", "application/ogg");
  }

  @Test
  void anImageGetsItsSizeAndAThumbnailNoLargerThanAsked() throws Exception {
    ImageInspector.ImageFacts facts = ImageInspector.inspect(new BytesReader(Samples.jpeg(1600, 1200)), "image/jpeg",
      MAX_PIXELS, 320);
    assertThat(facts.width()).isEqualTo(1600);
    assertThat(facts.height()).isEqualTo(1200);
    assertThat(facts.thumbnail().contentType()).isEqualTo("image/jpeg");
    assertThat(facts.thumbnail().width()).isEqualTo(320);
    assertThat(facts.thumbnail().height()).isEqualTo(240);
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(facts.thumbnail().bytes()));
    assertThat(thumbnail.getWidth()).isEqualTo(320);
    assertThat(thumbnail.getHeight()).isEqualTo(240);
  }

  @Test
  void aSmallImageIsNeverUpscaled() throws Exception {
    ImageInspector.ImageFacts facts = ImageInspector.inspect(new BytesReader(Samples.gif(120, 80)), "image/gif", MAX_PIXELS, 320);
    assertThat(facts.thumbnail().width()).isEqualTo(120);
    assertThat(facts.thumbnail().height()).isEqualTo(80);
  }

  @Test
  void transparencyKeepsAPngThumbnail() throws Exception {
    ImageInspector.ImageFacts facts = ImageInspector.inspect(new BytesReader(Samples.png(900, 300)), "image/png", MAX_PIXELS, 320);
    assertThat(facts.thumbnail().contentType()).isEqualTo("image/png");
    assertThat(facts.thumbnail().width()).isEqualTo(320);
    assertThat(facts.thumbnail().height()).isBetween(106, 107);
    assertThat(ImageIO.read(new ByteArrayInputStream(facts.thumbnail().bytes())).getColorModel().hasAlpha()).isTrue();
  }

  @Test
  void aWebpIsRead() throws Exception {
    ImageInspector.ImageFacts facts = ImageInspector.inspect(new BytesReader(Samples.webp()), "image/webp", MAX_PIXELS, 320);
    assertThat(facts.width()).isEqualTo(640);
    assertThat(facts.height()).isEqualTo(480);
    assertThat(facts.thumbnail().width()).isEqualTo(320);
    assertThat(facts.thumbnail().height()).isEqualTo(240);
  }

  @Test
  void aPhotoTurnedByExifIsReportedAndThumbnailedUpright() throws Exception {
    ImageInspector.ImageFacts facts = ImageInspector.inspect(new BytesReader(Samples.jpeg(800, 400, 6)), "image/jpeg",
      MAX_PIXELS, 320);
    assertThat(facts.width()).isEqualTo(400);
    assertThat(facts.height()).isEqualTo(800);
    assertThat(facts.thumbnail().width()).isEqualTo(160);
    assertThat(facts.thumbnail().height()).isEqualTo(320);
    // The red corner is top left as stored; turned a quarter clockwise it is top right.
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(facts.thumbnail().bytes()));
    assertThat(red(thumbnail.getRGB(thumbnail.getWidth() - 5, 5))).isGreaterThan(200);
    assertThat(red(thumbnail.getRGB(5, 5))).isLessThan(150);
  }

  @Test
  void aPixelBombIsRefusedFromItsHeaderBeforeAnythingIsDecoded() {
    byte[] bomb = Samples.pixelBomb(60_000, 60_000);
    assertThat(bomb.length).isLessThan(1000);
    assertThatThrownBy(() -> ImageInspector.inspect(new BytesReader(bomb), "image/png", MAX_PIXELS, 320))
      .isInstanceOfSatisfying(ParleyException.class, refusal ->
        assertThat(refusal.errorCode().code()).isEqualTo("media.too_many_pixels"));
  }

  @Test
  void anImageThatDoesNotDecodeIsUnreadable() {
    assertThatThrownBy(() -> ImageInspector.inspect(new BytesReader(Samples.corruptJpeg()), "image/jpeg", MAX_PIXELS, 320))
      .isInstanceOfSatisfying(ParleyException.class, refusal ->
        assertThat(refusal.errorCode().code()).isEqualTo("media.unreadable"));
  }

  @Test
  void videosGetTheirDurationAndPictureSizeWhereverTheMovieHeaderIs() throws Exception {
    for (boolean faststart : new boolean[] {true, false}) {
      TimedFacts facts = TimedMedia.inspect(new BytesReader(Samples.mp4(faststart)), "video/mp4");
      assertThat(facts.durationMs()).as("faststart " + faststart).isCloseTo(2000L, within(100L));
      assertThat(facts.width()).isEqualTo(320);
      assertThat(facts.height()).isEqualTo(240);
    }
    TimedFacts webm = TimedMedia.inspect(new BytesReader(Samples.webmVideo()), "video/webm");
    assertThat(webm.durationMs()).isCloseTo(1000L, within(150L));
    assertThat(webm.width()).isEqualTo(160);
    assertThat(webm.height()).isEqualTo(120);
  }

  @Test
  void audioGetsItsDuration() throws Exception {
    assertThat(TimedMedia.inspect(new BytesReader(Samples.wav(1500)), "audio/vnd.wave").durationMs()).isEqualTo(1500L);
    assertThat(TimedMedia.inspect(new BytesReader(Samples.mp3()), "audio/mpeg").durationMs()).isCloseTo(3000L, within(100L));
    assertThat(TimedMedia.inspect(new BytesReader(Samples.oggOpus()), "audio/ogg").durationMs()).isCloseTo(2000L, within(100L));
  }

  @Test
  void aVoiceNoteRecordedLiveGetsItsDurationFromItsLastBlock() throws Exception {
    TimedFacts facts = TimedMedia.inspect(new BytesReader(Samples.liveWebm()), "video/webm");
    assertThat(facts.durationMs()).isCloseTo(2000L, within(100L));
    assertThat(facts.width()).isNull();
  }

  @Test
  void garbageGivesNoDurationRatherThanAFailure() throws Exception {
    assertThat(TimedMedia.inspect(new BytesReader(new byte[] {0, 0, 0, 8, 'm', 'o', 'o', 'v'}), "video/mp4"))
      .isEqualTo(TimedFacts.UNKNOWN);
    assertThat(TimedMedia.inspect(new BytesReader(Samples.html()), "audio/mpeg").durationMs()).isNull();
  }

  private static int red(int argb) {
    return argb >> 16 & 0xff;
  }
}
