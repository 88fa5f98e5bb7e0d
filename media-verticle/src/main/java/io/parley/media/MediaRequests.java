package io.parley.media;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.MediaErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The requests of the media service, each parsed and checked from its bus body. */
final class MediaRequests {

  private static final int MAX_FILE_NAME = 255;

  private MediaRequests() {
  }

  /**
   * {@link Address#MEDIA_CREATE}: {@code {kind, contentType, size, fileName?}}. The type is one the
   * kind allows, the size within the kind's limit; a document needs its file name.
   */
  record NewUpload(MediaKind kind, String contentType, long size, String fileName) {
    static NewUpload from(JsonObject body, MediaSettings settings) {
      MediaKind kind = MediaKind.of(body.getValue("kind") instanceof String text ? text : null);
      String contentType = MediaTypes.declared(kind, body.getValue("contentType") instanceof String text ? text : null);
      if (!(body.getValue("size") instanceof Integer || body.getValue("size") instanceof Long) || body.getLong("size") < 1) {
        throw invalid("size", "must be the number of bytes to upload, at least 1");
      }
      long size = body.getLong("size");
      if (size > settings.maxBytes(kind)) {
        throw MediaErrors.TOO_LARGE.exception("A " + kind.wire + " is at most " + settings.maxBytes(kind) + " bytes",
          new JsonObject().put("maxBytes", settings.maxBytes(kind)));
      }
      String fileName = MediaRequests.fileName(body.getValue("fileName"));
      if (fileName == null && kind == MediaKind.DOCUMENT) {
        throw invalid("fileName", "is required for a document");
      }
      return new NewUpload(kind, contentType, size, fileName);
    }
  }

  /**
   * {@link Address#MEDIA_ATTACH}: {@code {mediaId, kind}}, the kind the reference needs, or
   * {@code {mediaId, kinds:[…]}}, any of several.
   */
  record Attach(UUID mediaId, Set<MediaKind> kinds) {
    static Attach from(JsonObject body) {
      Set<MediaKind> kinds = new LinkedHashSet<>();
      if (body.getValue("kinds") instanceof JsonArray several && !several.isEmpty()) {
        several.forEach(kind -> kinds.add(MediaKind.of(kind instanceof String text ? text : null)));
      } else {
        kinds.add(MediaKind.of(body.getValue("kind") instanceof String text ? text : null));
      }
      return new Attach(MediaRequests.mediaId(body), Set.copyOf(kinds));
    }
  }

  /** {@link Address#MEDIA_RELEASE}: {@code {mediaIds:[…]}}, ids that do not parse are skipped (nothing to release). */
  static List<UUID> mediaIds(JsonObject body) {
    List<UUID> ids = new ArrayList<>();
    if (body.getValue("mediaIds") instanceof JsonArray given) {
      for (Object id : given) {
        try {
          ids.add(UUID.fromString(String.valueOf(id)));
        } catch (IllegalArgumentException notAnId) {
          // not a media of anyone's
        }
      }
    }
    return ids;
  }

  /** The media a request is about: {@code {mediaId}}; a malformed id is simply not found. */
  static UUID mediaId(JsonObject body) {
    try {
      return UUID.fromString(String.valueOf(body.getValue("mediaId")));
    } catch (IllegalArgumentException notAnId) {
      throw MediaErrors.NOT_FOUND.exception("No such media");
    }
  }

  /** A plain file name: no path, no control characters, at most 255 characters; null when absent or blank. */
  private static String fileName(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String name) || name.length() > MAX_FILE_NAME || name.contains("/") || name.contains("\\")
      || name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x7f) || name.equals(".") || name.equals("..")) {
      throw invalid("fileName", "must be a plain file name of at most " + MAX_FILE_NAME + " characters");
    }
    return name.isBlank() ? null : name.strip();
  }

  private static ParleyException invalid(String field, String problem) {
    return CommonErrors.INVALID_REQUEST.exception(field + " " + problem, new JsonObject().put("field", field));
  }
}
