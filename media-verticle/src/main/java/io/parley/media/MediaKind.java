package io.parley.media;

import io.parley.shared.error.MediaErrors;
import java.util.Arrays;
import java.util.Set;

/**
 * The four kinds of media and the container families each accepts. A family groups the names
 * one format goes by (a browser's {@code audio/x-wav}, Tika's {@code audio/vnd.wave}), so a
 * declared type and the type sniffed from the bytes match when they are of one family. Documents
 * take any type; their check is {@link MediaTypes#documentMatches}.
 */
enum MediaKind {
  IMAGE("image", Set.of(Family.JPEG, Family.PNG, Family.GIF, Family.WEBP)),
  VIDEO("video", Set.of(Family.MP4, Family.WEBM, Family.OGG)),
  AUDIO("audio", Set.of(Family.MP3, Family.WAV, Family.FLAC, Family.AAC, Family.MP4, Family.WEBM, Family.OGG)),
  DOCUMENT("document", Set.of());

  /** A format, by every name it goes by; the first name is the one stored. */
  enum Family {
    JPEG("image/jpeg", "image/jpg", "image/pjpeg"),
    PNG("image/png", "image/apng"),
    GIF("image/gif"),
    WEBP("image/webp"),
    /** ISO base media files: MP4, M4A and QuickTime share one container (Tika names an MP4 QuickTime). */
    MP4("video/mp4", "audio/mp4", "audio/x-m4a", "audio/m4a", "video/x-m4v", "audio/x-mp4", "video/quicktime"),
    WEBM("video/webm", "audio/webm", "video/x-matroska", "audio/x-matroska", "application/x-matroska"),
    OGG("audio/ogg", "video/ogg", "application/ogg", "audio/opus", "audio/vorbis", "audio/x-vorbis+ogg",
      "audio/x-opus+ogg", "video/x-ogm+ogg"),
    MP3("audio/mpeg", "audio/mp3", "audio/x-mpeg", "audio/mpeg3"),
    WAV("audio/wav", "audio/vnd.wave", "audio/x-wav", "audio/wave"),
    FLAC("audio/flac", "audio/x-flac"),
    AAC("audio/aac", "audio/x-aac", "audio/aacp");

    final Set<String> names;

    Family(String... names) {
      this.names = Set.of(names);
    }

    static Family of(String type) {
      return Arrays.stream(values()).filter(family -> family.names.contains(type)).findFirst().orElse(null);
    }
  }

  final String wire;
  final Set<Family> families;

  MediaKind(String wire, Set<Family> families) {
    this.wire = wire;
    this.families = families;
  }

  /** The kind named {@code image}, {@code video}, {@code audio} or {@code document}; 422 {@code media.invalid_kind} otherwise. */
  static MediaKind of(String wire) {
    for (MediaKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return kind;
      }
    }
    throw MediaErrors.INVALID_KIND.exception("kind must be image, video, audio or document");
  }

  /** Whether this kind takes a declared (normalised) content type. */
  boolean accepts(String type) {
    Family family = Family.of(type);
    return this == DOCUMENT || family != null && families.contains(family);
  }
}
