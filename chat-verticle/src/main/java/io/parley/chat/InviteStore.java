package io.parley.chat;

import static io.parley.shared.db.DbTime.utc;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.vertx.sqlclient.SqlResult;

/** All SQL about invite links. */
final class InviteStore {

  /** An invite link with what its preview shows of the chat: {@code {title, type, memberCount}}. */
  record Preview(Invite invite, JsonObject chat) {
  }

  Future<Void> insert(SqlClient tx, Invite invite) {
    return tx.preparedQuery("""
        INSERT INTO chat_invites (token, id, chat_id, created_by, created_at, expires_at, max_uses)
        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
      .execute(Tuple.of(invite.token(), invite.id(), invite.chatId(), invite.createdBy(), utc(invite.createdAt()),
        utc(invite.expiresAt()), invite.maxUses()))
      .mapEmpty();
  }

  /**
   * The link, locked until the transaction ends: joins through one link queue here, so its use
   * count is checked and counted one join at a time.
   */
  Future<Invite> lock(SqlClient tx, String token) {
    return tx.preparedQuery("SELECT " + Invite.COLUMNS + " FROM chat_invites i WHERE i.token = $1 FOR UPDATE")
      .execute(Tuple.of(token))
      .map(rows -> rows.size() == 0 ? null : Invite.from(rows.iterator().next()));
  }

  Future<Preview> preview(SqlClient client, String token) {
    return client.preparedQuery("SELECT " + Invite.COLUMNS + """
        , c.title, c.type, c.member_count
        FROM chat_invites i JOIN chats c ON c.id = i.chat_id
        WHERE i.token = $1""")
      .execute(Tuple.of(token))
      .map(rows -> {
        if (rows.size() == 0) {
          return null;
        }
        Row row = rows.iterator().next();
        return new Preview(Invite.from(row), new JsonObject().put("title", row.getString("title"))
          .put("type", row.getString("type")).put("memberCount", row.getInteger("member_count")));
      });
  }

  /** A chat's links, newest first. */
  Future<List<Invite>> ofChat(SqlClient client, UUID chatId, int limit) {
    return client.preparedQuery("SELECT " + Invite.COLUMNS + """

        FROM chat_invites i
        WHERE i.chat_id = $1
        ORDER BY i.created_at DESC, i.token
        LIMIT $2""")
      .collecting(mapping(Invite::from, toList()))
      .execute(Tuple.of(chatId, limit))
      .map(SqlResult::value);
  }

  Future<Void> revoke(SqlClient tx, String token, Instant at) {
    return tx.preparedQuery("UPDATE chat_invites SET revoked_at = $2 WHERE token = $1")
      .execute(Tuple.of(token, utc(at))).mapEmpty();
  }

  Future<Void> countUse(SqlClient tx, String token) {
    return tx.preparedQuery("UPDATE chat_invites SET uses = uses + 1 WHERE token = $1")
      .execute(Tuple.of(token)).mapEmpty();
  }
}
