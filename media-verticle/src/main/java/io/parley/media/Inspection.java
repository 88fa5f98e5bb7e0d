package io.parley.media;

import io.parley.media.inspect.ImageInspector;
import io.parley.media.inspect.Sniffer;
import io.parley.media.inspect.TimedFacts;
import io.parley.media.inspect.TimedMedia;
import io.parley.media.store.ObjectReader;
import io.parley.shared.error.MediaErrors;
import java.io.IOException;

/**
 * What the media service learns from stored bytes at completion, or why it refuses them: their
 * sniffed type must be the declared one (and allowed for the kind); an image must be within the
 * pixel limit and decode, and gets its upright size and a thumbnail; video and audio get the
 * duration (and video the picture size) where the container states it. Runs on a worker thread.
 *
 * @param thumbnail an image's thumbnail; null for other kinds
 */
record Inspection(Integer width, Integer height, Long durationMs, ImageInspector.Thumbnail thumbnail) {

  /**
   * @throws io.parley.shared.error.ParleyException 422 when the bytes are not what was declared
   * @throws IOException when the store fails
   */
  static Inspection of(ObjectReader object, MediaKind kind, String declaredType, String fileName, MediaSettings settings)
    throws IOException {
    String detected = Sniffer.detect(object, kind == MediaKind.DOCUMENT ? fileName : null);
    if (!MediaTypes.matches(kind, declaredType, detected)) {
      throw MediaErrors.TYPE_MISMATCH.exception("The bytes are " + detected + ", not the declared " + declaredType);
    }
    return switch (kind) {
      case IMAGE -> {
        ImageInspector.ImageFacts image = ImageInspector.inspect(object, declaredType, settings.maxImagePixels(),
          settings.thumbnailSize());
        yield new Inspection(image.width(), image.height(), null, image.thumbnail());
      }
      case VIDEO, AUDIO -> {
        TimedFacts timed = TimedMedia.inspect(object, detected);
        yield new Inspection(kind == MediaKind.VIDEO ? timed.width() : null, kind == MediaKind.VIDEO ? timed.height() : null,
          timed.durationMs(), null);
      }
      case DOCUMENT -> new Inspection(null, null, null, null);
    };
  }
}
