package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.ErrorCode;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * A user's active membership of a chat, with what the rules need to know about the chat, and the
 * chat's access rules: what this member may do, by role and chat type. Each {@code require...}
 * rule is pure and refuses with the code the API promises; services look the membership up
 * ({@link ChatStore#membership}, locked when a change depends on it) and ask the rule. The send
 * statement checks {@link #requirePost} in SQL as well ({@link MessageStore}): change both together.
 */
record Membership(UUID chatId, UUID userId, Role role, ChatType type, long lastSeq,
                  int memberCount, long readUpTo, long deliveredUpTo) {

  static final String COLUMNS = """
      m.chat_id, m.user_id, m.role, m.read_up_to, m.delivered_up_to,
      c.type, c.last_seq, c.member_count""";

  static Membership from(Row row) {
    return new Membership(row.getUUID("chat_id"), row.getUUID("user_id"), Role.of(row.getString("role")),
      ChatType.of(row.getString("type")), row.getLong("last_seq"),
      row.getInteger("member_count"), row.getLong("read_up_to"), row.getLong("delivered_up_to"));
  }

  /** Posting: everyone in groups and direct chats, only the owner and admins in channels. */
  void requirePost() {
    allowIf(type != ChatType.CHANNEL || role.manages(), ChatErrors.NOT_ALLOWED, "Only the owner and admins post in a channel");
  }

  /** The member list: a channel's followers are for its owner and admins to see. */
  void requireSeeMembers() {
    allowIf(type != ChatType.CHANNEL || role.manages(), ChatErrors.NOT_ALLOWED, "Only admins see who follows a channel");
  }

  /**
   * Managing a group or channel (its title, description and avatar, adding members, invite links):
   * the owner and admins. A direct chat has exactly its two people and nothing to manage.
   */
  void requireManager() {
    allowIf(type != ChatType.DIRECT, ChatErrors.DIRECT_CHAT_FIXED, "A direct chat has exactly its two people");
    allowIf(role.manages(), ChatErrors.NOT_ALLOWED, "Only the owner and admins do this");
  }

  /** Removing someone else: managers remove members, only the owner removes admins, nobody the owner. */
  void requireRemove(Role target) {
    requireManager();
    allowIf(target != Role.OWNER, ChatErrors.OWNER_IMMUTABLE, "The owner cannot be removed");
    allowIf(target == Role.MEMBER || role == Role.OWNER, ChatErrors.NOT_ALLOWED, "Only the owner removes admins");
  }

  /** Giving a role ({@code admin} or {@code member}): managers promote, only the owner demotes. */
  void requireGrant(Role wanted) {
    requireManager();
    allowIf(wanted != Role.MEMBER || role == Role.OWNER, ChatErrors.NOT_ALLOWED, "Only the owner demotes admins");
  }

  /** Giving a role to a member who has {@code target}: as {@link #requireGrant}; the owner's changes only by transfer. */
  void requireChangeRole(Role target, Role wanted) {
    requireGrant(wanted);
    allowIf(target != Role.OWNER, ChatErrors.OWNER_IMMUTABLE, "The owner's role changes only by transferring ownership");
  }

  /** Handing the chat to another member: the owner only. */
  void requireTransferOwnership() {
    allowIf(role == Role.OWNER, ChatErrors.NOT_ALLOWED, "Only the owner transfers ownership");
  }

  /** Leaving: anyone, from a group or channel; a direct chat is archived instead. */
  void requireLeave() {
    allowIf(type != ChatType.DIRECT, ChatErrors.DIRECT_CHAT_FIXED, "A direct chat cannot be left; archive it instead");
  }

  /** Pinning and unpinning messages: either person of a direct chat, the owner and admins elsewhere. */
  void requirePin() {
    allowIf(type == ChatType.DIRECT || role.manages(), ChatErrors.NOT_ALLOWED, "Only the owner and admins pin messages here");
  }

  /** Deleting a message for everyone: its sender, or the owner and admins of a group or channel. */
  void requireDeleteForEveryone(UUID senderId) {
    allowIf(userId.equals(senderId) || type != ChatType.DIRECT && role.manages(), ChatErrors.NOT_SENDER,
      "Only the sender or an admin deletes a message for everyone");
  }

  /** Editing a message: its sender only. */
  void requireEdit(UUID senderId) {
    allowIf(userId.equals(senderId), ChatErrors.NOT_SENDER, "Only the sender edits a message");
  }

  /** Who received and read a message: its sender only. */
  void requireSeeReceipts(UUID senderId) {
    allowIf(userId.equals(senderId), ChatErrors.NOT_SENDER, "Only the sender sees a message's receipts");
  }

  /** Moving or stopping a live location: its sender only. */
  void requireShareLocation(UUID senderId) {
    allowIf(userId.equals(senderId), ChatErrors.NOT_SENDER, "Only the sender moves or stops a live location");
  }

  private static void allowIf(boolean allowed, ErrorCode refusal, String message) {
    if (!allowed) {
      throw refusal.exception(message);
    }
  }
}
