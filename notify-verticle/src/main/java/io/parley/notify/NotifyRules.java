package io.parley.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who is told what: pure rules, decided once per event and recipient. The sender is never a
 * recipient, nor anyone who left the chat or blocked the sender (the recipient query already
 * leaves them out).
 */
final class NotifyRules {

  private NotifyRules() {
  }

  /**
   * What a message is to one recipient: a reply to one of my stories, a mention of me, a reply to
   * my message, or simply a message (in that order, when several hold).
   */
  static Kind messageKind(UUID recipient, List<UUID> mentions, UUID repliedToSender, boolean storyReply) {
    if (storyReply) {
      return Kind.STORY_REPLY;
    }
    if (mentions.contains(recipient)) {
      return Kind.MENTION;
    }
    return recipient.equals(repliedToSender) ? Kind.REPLY : Kind.MESSAGE;
  }

  /**
   * Whether the recipient's settings let this through. A mute (either one) silences the chat
   * entirely until it ends; {@code none} silences it; {@code mentions} keeps only what is about
   * the recipient, which in a direct chat is every message; reactions also need the recipient's
   * reactions preference. A sign-in is not a chat matter: always.
   */
  static boolean wanted(Kind kind, boolean directChat, Recipient recipient, Instant now) {
    if (kind == Kind.SIGN_IN) {
      return true;
    }
    if (recipient.mutedAt(now) || kind == Kind.REACTION && !recipient.reactions()) {
      return false;
    }
    return switch (recipient.mode()) {
      case NONE -> false;
      case MENTIONS -> directChat || kind != Kind.MESSAGE;
      case ALL -> true;
    };
  }

  /**
   * Whether to store and push, given whether any of the recipient's devices is connected: a
   * connected app shows chat events live, so it needs neither. A sign-in is told anyway (the new
   * device is usually the one connected; the point is to tell the others).
   */
  static boolean notify(Kind kind, boolean wanted, boolean connected) {
    return wanted && (kind == Kind.SIGN_IN || !connected);
  }

  /** The key under which pushes collapse: a chat's messages, a chat's reactions, being added to a chat, sign-ins. */
  static String pushKey(Kind kind, UUID chatId) {
    if (kind.isMessage()) {
      return "chat:" + chatId;
    }
    return switch (kind) {
      case REACTION -> "reactions:" + chatId;
      case ADDED -> "added:" + chatId;
      default -> "signin";
    };
  }

  /** Stored notifications collapse only for messages: one unread row per chat counts them. */
  static String groupKey(Kind kind, UUID chatId) {
    return kind.isMessage() ? pushKey(kind, chatId) : null;
  }
}
