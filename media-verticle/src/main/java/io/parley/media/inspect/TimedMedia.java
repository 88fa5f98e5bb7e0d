package io.parley.media.inspect;

import io.parley.media.store.ObjectReader;
import java.io.IOException;

/** Duration (and, for video, picture size) of a video or audio file, by its sniffed container type. */
public final class TimedMedia {

  private TimedMedia() {
  }

  /**
   * What the container of a file sniffed as {@code detectedType} says. A container this does not
   * read, or a malformed one, gives {@link TimedFacts#UNKNOWN}: the bytes already passed the type
   * check, and a duration is a nicety, not a condition.
   *
   * @throws IOException when the store fails
   */
  public static TimedFacts inspect(ObjectReader object, String detectedType) throws IOException {
    try {
      return switch (detectedType) {
        case "video/mp4", "audio/mp4", "video/quicktime", "video/x-m4v", "audio/x-m4a" -> IsoMedia.read(object);
        case "video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska", "application/x-matroska" ->
          Matroska.read(object);
        case "audio/vnd.wave", "audio/wav", "audio/x-wav" -> AudioHeaders.wav(object);
        case "audio/x-flac", "audio/flac" -> AudioHeaders.flac(object);
        case "audio/mpeg" -> AudioHeaders.mp3(object);
        case "audio/ogg", "audio/opus", "audio/vorbis", "video/ogg", "application/ogg", "audio/x-vorbis+ogg",
          "audio/x-opus+ogg" -> AudioHeaders.ogg(object);
        default -> TimedFacts.UNKNOWN;
      };
    } catch (IOException storeFailure) {
      throw storeFailure;
    } catch (RuntimeException malformed) {
      return TimedFacts.UNKNOWN;
    }
  }
}
