package io.parley.chat;

import io.parley.shared.Address;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.ParleyException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The requests about messages: sending, changing, reacting, pinning, receipts and live locations. */
final class MessageRequests {

  private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,64}");

  private MessageRequests() {
  }

  /** One message of a chat, {@code {chatId, seq}}: receipts, reactions, a read or delivered mark. */
  record MessageRef(UUID chatId, long seq) {
    static MessageRef from(JsonObject body) {
      return new MessageRef(Fields.chatId(body), Fields.seq(body, "seq"));
    }

    /** A live location, {@code {chatId, messageSeq}}. */
    static MessageRef ofLiveLocation(JsonObject body) {
      return new MessageRef(Fields.chatId(body), Fields.seq(body, "messageSeq"));
    }
  }

  /**
   * {@link Address#CHAT_MESSAGE_SEND}: {@code {chatId, clientMessageId, kind, ..., replyTo?, threadRoot?,
   * story?:{id}}} (a reply to a story, in the direct chat with its author); {@code now} bounds a live
   * location's sharing time.
   */
  record SendMessage(UUID chatId, String clientMessageId, MessageContent content, Long replyTo, Long threadRoot,
                     UUID storyId) {
    static SendMessage from(JsonObject body, ChatLimits limits, Instant now) {
      JsonObject story = Fields.optionalObject(body, "story");
      return new SendMessage(Fields.chatId(body), clientMessageIdOf(body), MessageContent.parse(body, limits, now),
        Fields.param(body, "replyTo", 1, Long.MAX_VALUE), Fields.param(body, "threadRoot", 1, Long.MAX_VALUE),
        story == null ? null : Fields.uuid(story, "id"));
    }

    /** The usernames the text (or a media caption) mentions. */
    Set<String> mentioned() {
      return Mentions.in(content.text() != null ? content.text()
        : content.media() != null ? content.media().getString("caption") : null);
    }

    /** Nothing to check before the send statement, which checks membership itself. */
    boolean standalone() {
      return mentioned().isEmpty() && replyTo == null && threadRoot == null && storyId == null;
    }
  }

  /**
   * {@link Address#CHAT_MESSAGE_SEND_BATCH}: {@code {messages:[send bodies]}}, 1 to {@link #MAX}
   * of them. Each is parsed on its own: a malformed one fails alone, as its own outcome.
   */
  record SendBatch(List<Future<SendMessage>> sends) {
    static final int MAX = 100;

    static SendBatch from(JsonObject body, ChatLimits limits, Instant now) {
      if (!(body.getValue("messages") instanceof JsonArray messages) || messages.isEmpty() || messages.size() > MAX) {
        throw Fields.invalid("messages", "must list 1 to " + MAX + " sends");
      }
      List<Future<SendMessage>> sends = new ArrayList<>(messages.size());
      for (Object message : messages) {
        try {
          if (!(message instanceof JsonObject send)) {
            throw Fields.invalid("messages", "each send must be a JSON object");
          }
          sends.add(Future.succeededFuture(SendMessage.from(send, limits, now)));
        } catch (ParleyException malformed) {
          sends.add(Future.failedFuture(malformed));
        }
      }
      return new SendBatch(sends);
    }
  }

  /** {@link Address#CHAT_MESSAGE_EDIT}: the new text of one of my text messages, {@code {chatId, seq, text}}. */
  record EditMessage(UUID chatId, long seq, String text) {
    static EditMessage from(JsonObject body, ChatLimits limits) {
      return new EditMessage(Fields.chatId(body), Fields.seq(body, "seq"), MessageContent.text(body, limits));
    }
  }

  /** {@link Address#CHAT_MESSAGE_DELETE}: {@code {chatId, seq, scope?}}, scope {@code me} (default) or {@code everyone}. */
  record DeleteMessage(UUID chatId, long seq, boolean forEveryone) {
    static DeleteMessage from(JsonObject body) {
      String scope = Fields.optionalString(body, "scope");
      if (scope != null && !scope.equals("me") && !scope.equals("everyone")) {
        throw Fields.invalid("scope", "must be me or everyone");
      }
      return new DeleteMessage(Fields.chatId(body), Fields.seq(body, "seq"), "everyone".equals(scope));
    }
  }

  /** {@link Address#CHAT_MESSAGE_REACT}: toggles my {@code emoji} on a message, {@code {chatId, seq, emoji}}. */
  record React(UUID chatId, long seq, String emoji) {
    static React from(JsonObject body) {
      UUID chatId = Fields.chatId(body);
      long seq = Fields.seq(body, "seq");
      String emoji = Fields.string(body, "emoji");
      if (!Emoji.isEmoji(emoji)) {
        throw ChatErrors.INVALID_EMOJI.exception("A reaction is a single emoji");
      }
      return new React(chatId, seq, emoji);
    }
  }

  /** {@link Address#CHAT_MESSAGE_PIN}: {@code {chatId, seq, pinned?}}, pinning unless pinned is false. */
  record Pin(UUID chatId, long seq, boolean pinned) {
    static Pin from(JsonObject body) {
      return new Pin(Fields.chatId(body), Fields.seq(body, "seq"),
        !Boolean.FALSE.equals(Fields.optionalBoolean(body, "pinned")));
    }
  }

  /** {@link Address#CHAT_MESSAGE_FORWARD}: {@code {chatId, seq, toChatId, clientMessageId}}. */
  record Forward(UUID chatId, long seq, UUID toChatId, String clientMessageId) {
    static Forward from(JsonObject body) {
      return new Forward(Fields.chatId(body), Fields.seq(body, "seq"), Fields.uuid(body, "toChatId"),
        clientMessageIdOf(body));
    }
  }

  /** {@link Address#CHAT_LOCATION_UPDATE}: the sender's new position, {@code {chatId, messageSeq, latitude, longitude}}. */
  record PositionUpdate(UUID chatId, long messageSeq, double latitude, double longitude) {
    static PositionUpdate from(JsonObject body) {
      MessageRef message = MessageRef.ofLiveLocation(body);
      JsonObject position = MessageContent.position(body, "");
      return new PositionUpdate(message.chatId(), message.seq(), position.getDouble("latitude"),
        position.getDouble("longitude"));
    }
  }

  /** The sender's id for a message, which makes retries safe: 1 to 64 printable ASCII characters. */
  private static String clientMessageIdOf(JsonObject body) {
    String clientMessageId = Fields.optionalString(body, "clientMessageId");
    if (clientMessageId == null || !CLIENT_ID.matcher(clientMessageId).matches()) {
      throw ChatErrors.INVALID_CLIENT_ID.exception("clientMessageId must be 1 to 64 printable ASCII characters");
    }
    return clientMessageId;
  }
}
