package io.parley.chat;

import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * A user's active membership of a chat, with what the rules need to know about the chat. Read
 * with the member row locked (see {@link ChatStore#lockMembership}) when a change depends on it.
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

  boolean manages() {
    return role.manages();
  }

  /** Channels: only the owner and admins post; everyone posts in groups and direct chats. */
  boolean canPost() {
    return type != ChatType.CHANNEL || role.manages();
  }
}
