package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a message says, validated: its kind and the one field that kind carries. Media kinds
 * reference an uploaded object by id and keep its metadata; only known fields are stored. A live
 * location is a location with the time its sharing ends ({@code liveUntil}); see
 * {@link LiveLocationService} for how it moves and stops.
 */
record MessageContent(String kind, String text, JsonObject media, JsonObject location) {

  static final String TEXT = "text";
  static final String LOCATION = "location";
  static final String LIVE_LOCATION = "live_location";
  static final String SYSTEM = "system";
  static final Set<String> MEDIA_KINDS = Set.of("image", "video", "audio", "document");

  private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
  private static final int MAX_DIMENSION = 100_000;
  private static final long MAX_DURATION_MS = 24L * 3600 * 1000;
  private static final int MAX_FILE_NAME = 255;
  private static final int MAX_LABEL = 256;

  /** Reads the content of a send; {@code now} bounds a live location's sharing time. */
  static MessageContent parse(JsonObject body, ChatLimits limits, Instant now) {
    String kind = Fields.string(body, "kind");
    if (TEXT.equals(kind)) {
      return new MessageContent(kind, text(body, limits), null, null);
    }
    if (!MEDIA_KINDS.contains(kind) && !LOCATION.equals(kind) && !LIVE_LOCATION.equals(kind)) {
      throw ChatErrors.UNKNOWN_KIND.exception("kind must be text, image, video, audio, document, location or live_location");
    }
    if (body.getValue("text") != null) {
      throw Fields.invalid("text", "is only for text messages; media kinds take a caption");
    }
    if (MEDIA_KINDS.contains(kind)) {
      return new MessageContent(kind, null, media(kind, body, limits), null);
    }
    JsonObject location = location(Fields.optionalObject(body, "location"));
    if (LIVE_LOCATION.equals(kind)) {
      location.put("liveUntil", liveUntil(body.getJsonObject("location"), limits, now).toString());
    }
    return new MessageContent(kind, null, null, location);
  }

  /**
   * The content a forward carries: a live location arrives as a static location at its last
   * position, since only its sender can move it.
   */
  static MessageContent forwarded(Message original) {
    if (!LIVE_LOCATION.equals(original.kind())) {
      return new MessageContent(original.kind(), original.text(), original.media(), original.location());
    }
    JsonObject last = original.location();
    JsonObject location = new JsonObject().put("latitude", last.getValue("latitude")).put("longitude", last.getValue("longitude"));
    if (last.getValue("label") != null) {
      location.put("label", last.getValue("label"));
    }
    return new MessageContent(LOCATION, null, null, location);
  }

  /** When sharing ends: after {@code now}, at most the configured time away. */
  private static Instant liveUntil(JsonObject given, ChatLimits limits, Instant now) {
    Object value = given.getValue("liveUntil");
    Instant until = null;
    if (value instanceof String text) {
      try {
        until = Instant.parse(text);
      } catch (java.time.format.DateTimeParseException notATime) {
        // answered below
      }
    }
    if (until == null || !until.isAfter(now) || until.isAfter(now.plus(limits.maxLiveLocation()))) {
      throw ChatErrors.INVALID_LOCATION.exception("location.liveUntil must be an ISO-8601 UTC time within the next "
        + limits.maxLiveLocation().toMinutes() + " minutes");
    }
    return until;
  }

  /** The text of a text message: not blank, at most the configured number of characters. */
  static String text(JsonObject body, ChatLimits limits) {
    String text = body.getValue("text") instanceof String value ? value : null;
    if (text == null || text.isBlank()) {
      throw ChatErrors.INVALID_TEXT.exception("A text message needs a non-empty text");
    }
    if (text.codePointCount(0, text.length()) > limits.maxTextLength()) {
      throw ChatErrors.INVALID_TEXT.exception("A text is at most " + limits.maxTextLength() + " characters");
    }
    return storable(text, ChatErrors.INVALID_TEXT.exception("The text contains a NUL character"));
  }

  private static JsonObject media(String kind, JsonObject body, ChatLimits limits) {
    JsonObject given = body.getValue("media") instanceof JsonObject object ? object : null;
    if (given == null) {
      throw ChatErrors.INVALID_MEDIA.exception("A " + kind + " message needs a media object");
    }
    JsonObject media = new JsonObject();
    Object id = given.getValue("id");
    try {
      media.put("id", UUID.fromString(String.valueOf(id)).toString());
    } catch (IllegalArgumentException notAnId) {
      throw ChatErrors.INVALID_MEDIA.exception("media.id must be the id of an uploaded object");
    }
    String mime = given.getValue("mime") instanceof String value ? value.toLowerCase() : "";
    if (!MIME.matcher(mime).matches() || !"document".equals(kind) && !mime.startsWith(kind + "/")) {
      throw ChatErrors.INVALID_MEDIA.exception("media.mime must be a " + ("document".equals(kind) ? "" : kind + "/") + "MIME type");
    }
    media.put("mime", mime);
    media.put("size", whole(given, "size", 1, limits.maxMediaBytes(), true));
    boolean visual = "image".equals(kind) || "video".equals(kind);
    boolean timed = "video".equals(kind) || "audio".equals(kind);
    putIfPresent(media, "width", whole(given, "width", 1, MAX_DIMENSION, visual));
    putIfPresent(media, "height", whole(given, "height", 1, MAX_DIMENSION, visual));
    putIfPresent(media, "durationMs", whole(given, "durationMs", 0, MAX_DURATION_MS, timed));
    Object fileName = given.getValue("fileName");
    if (fileName != null || "document".equals(kind)) {
      if (!(fileName instanceof String name) || name.isBlank() || name.length() > MAX_FILE_NAME
        || name.contains("/") || name.contains("\\") || name.chars().anyMatch(Character::isISOControl)) {
        throw ChatErrors.INVALID_MEDIA.exception("media.fileName must be a plain file name of at most " + MAX_FILE_NAME + " characters");
      }
      media.put("fileName", name);
    }
    Object caption = body.getValue("caption");
    if (caption != null) {
      if (!(caption instanceof String text) || text.codePointCount(0, text.length()) > limits.maxCaptionLength()) {
        throw ChatErrors.INVALID_MEDIA.exception("caption must be a text of at most " + limits.maxCaptionLength() + " characters");
      }
      if (!text.isBlank()) {
        media.put("caption", storable(text, ChatErrors.INVALID_MEDIA.exception("The caption contains a NUL character")));
      }
    }
    return media;
  }

  static JsonObject location(JsonObject given) {
    if (given == null) {
      throw ChatErrors.INVALID_LOCATION.exception("A location message needs a location object");
    }
    JsonObject location = position(given, "location.");
    Object label = given.getValue("label");
    if (label != null) {
      if (!(label instanceof String text) || text.length() > MAX_LABEL) {
        throw ChatErrors.INVALID_LOCATION.exception("location.label must be a text of at most " + MAX_LABEL + " characters");
      }
      location.put("label", storable(text, ChatErrors.INVALID_LOCATION.exception("The label contains a NUL character")));
    }
    return location;
  }

  /**
   * {@code {latitude, longitude}} read from {@code given}: latitude in [-90, 90], longitude in
   * [-180, 180]; {@code prefix} names where they were in the request, for the error message.
   */
  static JsonObject position(JsonObject given, String prefix) {
    return new JsonObject()
      .put("latitude", coordinate(given, prefix, "latitude", 90))
      .put("longitude", coordinate(given, prefix, "longitude", 180));
  }

  private static double coordinate(JsonObject given, String prefix, String field, double bound) {
    if (!(given.getValue(field) instanceof Number number)) {
      throw ChatErrors.INVALID_LOCATION.exception(prefix + field + " must be a number");
    }
    double value = number.doubleValue();
    if (!Double.isFinite(value) || value < -bound || value > bound) {
      throw ChatErrors.INVALID_LOCATION.exception(prefix + field + " must be between " + -bound + " and " + bound);
    }
    return value;
  }

  private static Long whole(JsonObject given, String field, long min, long max, boolean required) {
    Object value = given.getValue(field);
    if (value == null && !required) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < min
      || ((Number) value).longValue() > max) {
      throw ChatErrors.INVALID_MEDIA.exception("media." + field + " must be a whole number between " + min + " and " + max);
    }
    return ((Number) value).longValue();
  }

  private static void putIfPresent(JsonObject target, String field, Long value) {
    if (value != null) {
      target.put(field, value);
    }
  }

  /** PostgreSQL text cannot hold NUL; refuse it as bad input rather than fail on insert. */
  static String storable(String text, RuntimeException refusal) {
    if (text.indexOf('\u0000') >= 0) {
      throw refusal;
    }
    return text;
  }
}
