package io.parley.story;

import io.parley.shared.Address;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.error.ParleyException;
import io.parley.shared.error.StoryErrors;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The requests of the story service, each parsed and checked from its bus body. */
final class StoryRequests {

  private static final Set<String> NEW_STORY_FIELDS = Set.of("media", "text", "background", "caption", "audience");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  private StoryRequests() {
  }

  /**
   * {@link Address#STORY_CREATE}: exactly one of {@code media:{id}} (a ready image or video of
   * mine, checked by the media service) or {@code text} with its {@code background}; an optional
   * {@code caption}; an optional {@code audience}. An unknown field is refused, so a misspelt one
   * never posts to the wrong people or without its caption.
   */
  record NewStory(UUID mediaId, String text, String background, String caption, Audience audience) {

    static NewStory from(JsonObject body, StorySettings settings) {
      for (String field : body.fieldNames()) {
        if (!NEW_STORY_FIELDS.contains(field)) {
          throw invalid(field, field + " is not part of a story; known fields: " + String.join(", ", NEW_STORY_FIELDS));
        }
      }
      boolean media = body.getValue("media") != null;
      boolean text = body.getValue("text") != null;
      if (media == text) {
        throw StoryErrors.INVALID_CONTENT.exception("A story is either media:{id} (a photo or video) or a text with its"
          + " background");
      }
      String caption = captionOf(body.getValue("caption"), settings);
      Audience audience = Audience.from(body.getValue("audience"), settings.maxAudienceIds());
      if (media) {
        if (body.getValue("background") != null) {
          throw StoryErrors.INVALID_CONTENT.exception("background is for text stories");
        }
        if (!(body.getValue("media") instanceof JsonObject reference)) {
          throw invalid("media", "media must be an object {id}");
        }
        return new NewStory(uuid(reference.getValue("id"), "media.id"), null, null, caption, audience);
      }
      return new NewStory(null, textOf(body.getValue("text"), settings), backgroundOf(body.getValue("background")), caption,
        audience);
    }

    boolean isText() {
      return mediaId == null;
    }
  }

  /** The story a request is about, {@code {storyId}} from the path; a malformed id is simply not found. */
  static UUID storyId(JsonObject body) {
    try {
      return UUID.fromString(String.valueOf(body.getValue("storyId")));
    } catch (IllegalArgumentException notAnId) {
      throw StoryErrors.NOT_FOUND.exception("No such story");
    }
  }

  private static String textOf(Object given, StorySettings settings) {
    if (!(given instanceof String raw)) {
      throw invalid("text", "text must be a string");
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > settings.maxTextLength()
      || text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      throw StoryErrors.INVALID_TEXT.exception("A text story has 1 to " + settings.maxTextLength()
        + " characters, line breaks but no other control characters");
    }
    return text;
  }

  private static String backgroundOf(Object given) {
    if (!(given instanceof String colour) || !COLOUR.matcher(colour).matches()) {
      throw StoryErrors.INVALID_BACKGROUND.exception("A text story's background is a colour #rrggbb");
    }
    return colour.toLowerCase(Locale.ROOT);
  }

  private static String captionOf(Object given, StorySettings settings) {
    if (given == null) {
      return null;
    }
    if (!(given instanceof String raw)) {
      throw invalid("caption", "caption must be a string");
    }
    String caption = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
    if (caption.codePointCount(0, caption.length()) > settings.maxCaptionLength()
      || caption.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      throw StoryErrors.INVALID_CAPTION.exception("A caption has at most " + settings.maxCaptionLength()
        + " characters, line breaks but no other control characters");
    }
    return caption.isEmpty() ? null : caption;
  }

  /** A user or media id in a body; malformed: 400 {@code request.invalid} naming the field. */
  static UUID uuid(Object given, String field) {
    try {
      if (given instanceof String text && text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException notAnId) {
      // answered below
    }
    throw invalid(field, field + " must be an id");
  }

  static ParleyException invalid(String field, String message) {
    return CommonErrors.INVALID_REQUEST.exception(message, new JsonObject().put("field", field));
  }
}
