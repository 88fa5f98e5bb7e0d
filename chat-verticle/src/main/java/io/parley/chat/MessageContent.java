package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a message says, validated: its kind and the one field that kind carries. Media kinds
 * reference a ready media by id and keep the media service's metadata of it with the caption;
 * only known fields are stored. A live
 * location is a location with the time its sharing ends ({@code liveUntil}); see
 * {@link LiveLocationService} for how it moves and stops.
 */
record MessageContent(String kind, String text, JsonObject media, JsonObject location) {

  static final String TEXT = "text";
  static final String LOCATION = "location";
  static final String LIVE_LOCATION = "live_location";
  static final String SYSTEM = "system";
  static final Set<String> MEDIA_KINDS = Set.of("image", "video", "audio", "document");

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
      return new MessageContent(kind, null, mediaReference(kind, body, limits), null);
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

  /**
   * A media message's reference, {@code media:{id, caption?}}: only the id and the caption are the
   * sender's to give; what the media is (type, size, dimensions, duration, file name, thumbnail)
   * comes from the media service before the send ({@link #withMedia}). Anything else in the object
   * is ignored, so a client cannot claim metadata.
   */
  private static JsonObject mediaReference(String kind, JsonObject body, ChatLimits limits) {
    JsonObject given = body.getValue("media") instanceof JsonObject object ? object : null;
    if (given == null) {
      throw ChatErrors.INVALID_MEDIA.exception("A " + kind + " message needs media:{id, caption?}");
    }
    if (body.getValue("caption") != null) {
      throw Fields.invalid("caption", "goes inside media: media:{id, caption}");
    }
    JsonObject media = new JsonObject();
    try {
      media.put("id", UUID.fromString(String.valueOf(given.getValue("id"))).toString());
    } catch (IllegalArgumentException notAnId) {
      throw ChatErrors.INVALID_MEDIA.exception("media.id must be the id of an uploaded media");
    }
    Object caption = given.getValue("caption");
    if (caption != null) {
      if (!(caption instanceof String text) || text.codePointCount(0, text.length()) > limits.maxCaptionLength()) {
        throw ChatErrors.INVALID_MEDIA.exception("media.caption must be a text of at most " + limits.maxCaptionLength()
          + " characters");
      }
      if (!text.isBlank()) {
        media.put("caption", storable(text, ChatErrors.INVALID_MEDIA.exception("The caption contains a NUL character")));
      }
    }
    return media;
  }

  /** Whether this is a media message whose metadata still has to come from the media service. */
  boolean referencesMedia() {
    return MEDIA_KINDS.contains(kind) && media != null && !media.containsKey("contentType");
  }

  /** The id of the media a media message references. */
  UUID mediaId() {
    return UUID.fromString(media.getString("id"));
  }

  /**
   * The content with the media service's metadata of the referenced media
   * ({@code {id, kind, contentType, size, fileName?, width?, height?, durationMs?, thumbnail?}}),
   * the caption kept. The stored media object has no {@code kind}: the message's kind is it.
   */
  MessageContent withMedia(JsonObject metadata) {
    JsonObject stored = metadata.copy();
    stored.remove("kind");
    if (media.getValue("caption") != null) {
      stored.put("caption", media.getValue("caption"));
    }
    return new MessageContent(kind, text, stored, location);
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

  /** PostgreSQL text cannot hold NUL; refuse it as bad input rather than fail on insert. */
  static String storable(String text, RuntimeException refusal) {
    if (text.indexOf('\u0000') >= 0) {
      throw refusal;
    }
    return text;
  }
}
