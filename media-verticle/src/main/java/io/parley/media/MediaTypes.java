package io.parley.media;

import io.parley.shared.error.MediaErrors;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Content types: what a client may declare for a kind, whether the type sniffed from the bytes
 * agrees, and how a download is served (type and Content-Disposition).
 */
final class MediaTypes {

  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
  private static final Set<String> HEIF = Set.of("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence");
  /**
   * Types a browser would run or render as a page. A document of such a type is served as
   * {@code application/octet-stream}, always as an attachment: a file shared in a chat never runs
   * on the app's origin.
   */
  private static final Set<String> ACTIVE = Set.of("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml",
    "application/xml", "text/javascript", "application/javascript", "application/x-javascript", "text/ecmascript",
    "application/ecmascript", "application/pdf+html", "text/vtt", "application/x-shockwave-flash", "text/xsl");
  private static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();

  private MediaTypes() {
  }

  /**
   * The declared content type, lower case and without parameters ({@code audio/webm;codecs=opus}
   * is {@code audio/webm}), if the kind takes it; 422 {@code media.type_not_allowed} otherwise.
   */
  static String declared(MediaKind kind, String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!TYPE.matcher(type).matches()) {
      throw MediaErrors.TYPE_NOT_ALLOWED.exception("contentType must be a MIME type such as image/jpeg");
    }
    if (kind == MediaKind.IMAGE && HEIF.contains(type)) {
      throw MediaErrors.TYPE_NOT_ALLOWED.exception("HEIC/HEIF photos cannot be shown by most browsers and the server "
        + "cannot convert them: send a JPEG (phones can share photos as JPEG), or send the file as a document");
    }
    if (!kind.accepts(type)) {
      throw MediaErrors.TYPE_NOT_ALLOWED.exception(type + " is not allowed for " + kind.wire + " media");
    }
    return kind == MediaKind.DOCUMENT ? type : canonical(type);
  }

  /** Whether bytes sniffed as {@code detected} are what was declared for the kind. */
  static boolean matches(MediaKind kind, String declared, String detected) {
    if (kind == MediaKind.DOCUMENT) {
      return documentMatches(declared, detected);
    }
    MediaKind.Family family = MediaKind.Family.of(declared);
    return family != null && family == MediaKind.Family.of(detected);
  }

  /**
   * A document's bytes agree with its declared type when the two are the same type or one is a
   * kind of the other in Tika's type tree ({@code text/csv} is text; an unknown binary type is an
   * {@code application/octet-stream}). HTML declared as a PDF does not.
   */
  static boolean documentMatches(String declared, String detected) {
    MediaType a = REGISTRY.normalize(MediaType.parse(declared));
    MediaType b = REGISTRY.normalize(MediaType.parse(detected));
    if (a == null || b == null) {
      return false;
    }
    return a.equals(b) || REGISTRY.isSpecializationOf(a, b) || REGISTRY.isSpecializationOf(b, a)
      || MediaKind.Family.of(a.toString()) != null && MediaKind.Family.of(a.toString()) == MediaKind.Family.of(b.toString());
  }

  /** What a download is served as: the stored type, except that active document types are plain bytes. */
  static String served(MediaKind kind, String type) {
    return kind == MediaKind.DOCUMENT && (ACTIVE.contains(type) || type.startsWith("text/html")) ? "application/octet-stream" : type;
  }

  /**
   * The Content-Disposition of a download: documents are attachments, the rest inline; the file
   * name both as a plain ASCII fallback and in RFC 5987 form.
   */
  static String disposition(MediaKind kind, String fileName) {
    String type = kind == MediaKind.DOCUMENT ? "attachment" : "inline";
    if (fileName == null) {
      return type;
    }
    StringBuilder ascii = new StringBuilder();
    fileName.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    return type + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + rfc5987(fileName);
  }

  private static String rfc5987(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
          .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return encoded.toString();
  }

  /** The usual name of an alias; a type that is a format's own name (a voice note's {@code audio/webm}) stays. */
  private static String canonical(String type) {
    return switch (type) {
      case "image/jpg", "image/pjpeg" -> "image/jpeg";
      case "audio/mp3", "audio/x-mpeg", "audio/mpeg3" -> "audio/mpeg";
      case "audio/x-wav", "audio/wave", "audio/vnd.wave" -> "audio/wav";
      case "audio/x-flac" -> "audio/flac";
      case "audio/x-m4a", "audio/m4a", "audio/x-mp4" -> "audio/mp4";
      case "audio/x-aac" -> "audio/aac";
      default -> type;
    };
  }
}
