package io.parley.notify;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The words of notifications: pure functions of what happened and the recipient's preview
 * setting. With previews hidden, nothing of a message's content appears, only who did what.
 */
final class Texts {

  static final int MAX_PREVIEW = 200;
  static final int MAX_TITLE = 128;

  private Texts() {
  }

  /** A one-line preview of a message's content, or null for a deleted or empty one. */
  static String preview(JsonObject message) {
    if (message == null || message.getBoolean("deleted", false)) {
      return null;
    }
    String text = message.getString("text");
    JsonObject media = message.getJsonObject("media");
    String caption = media == null ? null : media.getString("caption");
    String preview = switch (message.getString("kind", "text")) {
      case "text" -> text;
      case "image" -> withCaption("📷 Photo", caption);
      case "video" -> withCaption("🎥 Video", caption);
      case "audio" -> withCaption("🎤 Voice message", caption);
      case "document" -> withCaption("📄 " + (media == null ? "Document" : media.getString("fileName", "Document")), caption);
      case "location" -> "📍 Location";
      case "live_location" -> "📍 Live location";
      default -> text;
    };
    return preview == null || preview.isBlank() ? null : clip(oneLine(preview), MAX_PREVIEW);
  }

  /** The title of a chat notification: the other person in a direct chat, else the chat's title. */
  static String chatTitle(boolean direct, String chatTitle, String actorName) {
    String title = direct || chatTitle == null || chatTitle.isBlank() ? actorName : chatTitle;
    return clip(title == null || title.isBlank() ? "Parley" : title, MAX_TITLE);
  }

  /** The body of a message notification. In a channel the channel speaks, so no sender name. */
  static String messageBody(Kind kind, String chatType, String sender, String preview, boolean hidePreview) {
    boolean direct = "direct".equals(chatType);
    boolean channel = "channel".equals(chatType);
    if (hidePreview || preview == null) {
      return switch (kind) {
        case MENTION -> sender + " mentioned you";
        case REPLY -> sender + " replied to you";
        case STORY_REPLY -> sender + " replied to your story";
        default -> direct || channel ? "New message" : "New message from " + sender;
      };
    }
    return switch (kind) {
      case MENTION -> direct ? preview : sender + " mentioned you: " + preview;
      case REPLY -> direct ? preview : sender + " replied: " + preview;
      case STORY_REPLY -> "Replied to your story: " + preview;
      default -> direct || channel ? preview : sender + ": " + preview;
    };
  }

  static String reactionBody(String actor, String emoji, String preview, boolean hidePreview) {
    String reacted = actor + " reacted " + (emoji == null ? "" : emoji + " ");
    return hidePreview || preview == null ? reacted + "to your message" : reacted + "to \u201c" + preview + "\u201d";
  }

  static String addedBody(String actor, String chatType) {
    return actor + " added you to the " + ("channel".equals(chatType) ? "channel" : "group");
  }

  static final String SIGN_IN_TITLE = "New sign-in to your account";

  static String signInBody(String deviceName, String userAgent) {
    String device = deviceName != null && !deviceName.isBlank() ? deviceName : describe(userAgent);
    return clip("Signed in on " + device + ". If this was not you, change your password.", MAX_PREVIEW);
  }

  /** What a stored notification says: its newest text, or how many messages once several collapsed into it. */
  static String shown(Kind kind, int count, String body) {
    return kind.isMessage() && count > 1 ? count + " new messages" : body;
  }

  /** A short "browser on system" from a User-Agent, for people who did not name their device. */
  static String describe(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "a new device";
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    String browser = ua.contains("firefox/") ? "Firefox" : ua.contains("edg/") ? "Edge"
      : ua.contains("chrome/") || ua.contains("chromium/") ? "Chrome" : ua.contains("safari/") ? "Safari" : "a browser";
    String system = ua.contains("android") ? "Android" : ua.contains("iphone") || ua.contains("ipad") ? "iOS"
      : ua.contains("windows") ? "Windows" : ua.contains("mac os") ? "macOS" : ua.contains("linux") ? "Linux" : null;
    return system == null ? browser : browser + " on " + system;
  }

  static String clip(String text, int max) {
    return text.codePointCount(0, text.length()) <= max ? text
      : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private static String withCaption(String label, String caption) {
    return caption == null || caption.isBlank() ? label : label + ": " + caption;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
