package io.parley.chat;

import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import io.vertx.sqlclient.SqlResult;

/** What sync needs to know about a member's chats; the changes themselves are read by {@link ChangeStore}. */
final class SyncStore {

  /**
   * One of my chats as sync sees it. Numbers a member may receive run from {@code joinedSeq} to
   * {@code leftSeq} (the change that removed them, included) or, while a member, {@code lastSeq}.
   */
  record Standing(UUID chatId, long lastSeq, long joinedSeq, Long leftSeq) {

    long upTo() {
      return leftSeq != null ? leftSeq : lastSeq;
    }
  }

  /** My active chats, and those of {@code alsoChats} I have left (to tell me I left), by chat id. */
  Future<List<Standing>> standings(SqlClient client, UUID userId, Collection<UUID> alsoChats) {
    return client.preparedQuery("""
        SELECT m.chat_id, c.last_seq, m.joined_seq, m.left_seq
        FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.user_id = $1 AND (m.left_at IS NULL OR m.chat_id = ANY($2))
        ORDER BY m.chat_id""")
      .collecting(mapping(SyncStore::from, toList()))
      .execute(Tuple.of(userId).addValue(alsoChats.toArray(UUID[]::new)))
      .map(SqlResult::value);
  }

  /** My standing in one chat, active or left; null if I was never a member. */
  Future<Standing> standing(SqlClient client, UUID userId, UUID chatId) {
    return client.preparedQuery("""
        SELECT m.chat_id, c.last_seq, m.joined_seq, m.left_seq
        FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.user_id = $1 AND m.chat_id = $2""")
      .execute(Tuple.of(userId, chatId))
      .map(rows -> rows.size() == 0 ? null : from(rows.iterator().next()));
  }

  private static Standing from(Row row) {
    return new Standing(row.getUUID("chat_id"), row.getLong("last_seq"), row.getLong("joined_seq"), row.getLong("left_seq"));
  }
}
