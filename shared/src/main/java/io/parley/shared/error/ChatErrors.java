package io.parley.shared.error;

/**
 * Errors of chats, members, messages, receipts and sync (the chat service). Field-shape problems
 * (a missing field, a wrong type, a malformed id) are {@link CommonErrors#INVALID_REQUEST} with a
 * {@code field} detail, and bad paging parameters {@link CommonErrors#INVALID_PARAMETER}; the
 * codes here are the domain's own refusals. A refused request changes nothing.
 */
public final class ChatErrors {

  /**
   * No such chat, or the caller is not a member of it (any more): the two are answered alike so
   * a non-member never learns that a chat exists.
   */
  public static final ErrorCode CHAT_NOT_FOUND = new ErrorCode("chat.not_found", 404);
  /** A member, but the role does not allow this (posting in a channel, removing an admin, ...). */
  public static final ErrorCode NOT_ALLOWED = new ErrorCode("chat.not_allowed", 403);
  /** One of the two people blocked the other: no direct chat, no adding, no posting between them. */
  public static final ErrorCode BLOCKED = new ErrorCode("chat.blocked", 403);
  /** The user to chat with or to add does not exist (or deleted the account). */
  public static final ErrorCode USER_NOT_FOUND = new ErrorCode("chat.user_not_found", 404);
  /** The user named is not a member of the chat. */
  public static final ErrorCode MEMBER_NOT_FOUND = new ErrorCode("chat.member_not_found", 404);
  /** A direct chat with oneself. */
  public static final ErrorCode SELF_CHAT = new ErrorCode("chat.self_chat", 422);
  /** Direct chats have exactly their two people: nobody is added, removed, promoted or leaves. */
  public static final ErrorCode DIRECT_CHAT_FIXED = new ErrorCode("chat.direct_fixed", 422);
  /** The chat type is not direct, group or channel. */
  public static final ErrorCode UNKNOWN_TYPE = new ErrorCode("chat.unknown_type", 422);
  /** A group or channel needs a title, within the configured length. */
  public static final ErrorCode INVALID_TITLE = new ErrorCode("chat.invalid_title", 422);
  /** The description is longer than allowed. */
  public static final ErrorCode INVALID_DESCRIPTION = new ErrorCode("chat.invalid_description", 422);
  /** The change would take the chat over its configured member limit. */
  public static final ErrorCode TOO_MANY_MEMBERS = new ErrorCode("chat.too_many_members", 422);
  /** More pinned chats than allowed in one list. */
  public static final ErrorCode TOO_MANY_PINS = new ErrorCode("chat.too_many_pins", 422);
  /** The owner cannot be removed or demoted; ownership is transferred instead. */
  public static final ErrorCode OWNER_IMMUTABLE = new ErrorCode("chat.owner_immutable", 422);

  /** No such message in this chat (system messages and hidden ones included). */
  public static final ErrorCode MESSAGE_NOT_FOUND = new ErrorCode("message.not_found", 404);
  /**
   * Only the sender edits a message (and deletes it for everyone, unless an admin), and only the
   * sender moves or stops a live location.
   */
  public static final ErrorCode NOT_SENDER = new ErrorCode("message.not_sender", 403);
  /** The message kind is not one Parley knows. */
  public static final ErrorCode UNKNOWN_KIND = new ErrorCode("message.unknown_kind", 422);
  /** The text is empty or longer than the configured maximum. */
  public static final ErrorCode INVALID_TEXT = new ErrorCode("message.invalid_text", 422);
  /** The media reference is malformed (id, MIME type, size, dimensions, duration, file name). */
  public static final ErrorCode INVALID_MEDIA = new ErrorCode("message.invalid_media", 422);
  /** Latitude outside [-90, 90], longitude outside [-180, 180], or a label too long. */
  public static final ErrorCode INVALID_LOCATION = new ErrorCode("message.invalid_location", 422);
  /** An {@code @username} in the text names nobody in this chat. */
  public static final ErrorCode MENTION_NOT_MEMBER = new ErrorCode("message.mention_not_member", 422);
  /** The message replied to (or the thread root) is not in this chat. */
  public static final ErrorCode INVALID_REPLY = new ErrorCode("message.invalid_reply", 422);
  /** The client message id is missing or malformed (1 to 64 printable ASCII characters). */
  public static final ErrorCode INVALID_CLIENT_ID = new ErrorCode("message.invalid_client_id", 422);
  /** Only text messages that are not deleted can be edited. */
  public static final ErrorCode NOT_EDITABLE = new ErrorCode("message.not_editable", 422);
  /** System messages and tombstones cannot be deleted for everyone. */
  public static final ErrorCode NOT_DELETABLE = new ErrorCode("message.not_deletable", 422);

  /** System messages and tombstones cannot be forwarded. */
  public static final ErrorCode NOT_FORWARDABLE = new ErrorCode("message.not_forwardable", 422);
  /** System messages and tombstones cannot be pinned or reacted to. */
  public static final ErrorCode NOT_REACTABLE = new ErrorCode("message.not_reactable", 422);

  /**
   * A story reply ({@code story:{id}}) goes to the direct chat with the story's author, never to
   * a group, a channel or anyone else (the story itself must be one the sender may see: else
   * {@link StoryErrors#NOT_FOUND}).
   */
  public static final ErrorCode INVALID_STORY_REPLY = new ErrorCode("message.invalid_story_reply", 422);

  /** A live-location update or stop names a message that is not a live location. */
  public static final ErrorCode NOT_LIVE_LOCATION = new ErrorCode("location.not_live_location", 422);
  /** The live location is no longer shared: its time is up, the sender stopped it, or it was deleted. */
  public static final ErrorCode SHARING_ENDED = new ErrorCode("location.sharing_ended", 410);

  /** No invite link with this token (or a malformed token); also a token of another chat when revoking. */
  public static final ErrorCode INVITE_NOT_FOUND = new ErrorCode("invite.not_found", 404);
  /** The invite link was revoked by an owner or admin. */
  public static final ErrorCode INVITE_REVOKED = new ErrorCode("invite.revoked", 410);
  /** The invite link's expiry time has passed. */
  public static final ErrorCode INVITE_EXPIRED = new ErrorCode("invite.expired", 410);
  /** The invite link was used as many times as it allowed. */
  public static final ErrorCode INVITE_USED_UP = new ErrorCode("invite.used_up", 410);

  /** A reaction is one emoji (a pictograph, with its modifiers, joiners, keycap or flag sequence). */
  public static final ErrorCode INVALID_EMOJI = new ErrorCode("reaction.invalid_emoji", 422);
  /** One member may put at most a few different emoji on one message. */
  public static final ErrorCode TOO_MANY_REACTIONS = new ErrorCode("reaction.too_many", 422);

  /** A receipt for a sequence number the chat has not reached. */
  public static final ErrorCode RECEIPT_AHEAD = new ErrorCode("receipt.ahead_of_chat", 422);

  /** The sync cursor was not produced by this server (or is corrupt). */
  public static final ErrorCode INVALID_CURSOR = new ErrorCode("sync.invalid_cursor", 400);

  private ChatErrors() {
  }
}
