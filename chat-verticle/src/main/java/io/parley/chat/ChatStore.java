package io.parley.chat;

import static io.parley.shared.db.DbTime.instant;
import static io.parley.shared.db.DbTime.utc;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import io.vertx.sqlclient.templates.TupleMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * All SQL about chats and their members (the chat list lives in {@link ChatListStore}), and the
 * lookups of memberships that the access rules ({@link Membership}) decide on: whoever is not an
 * active member gets 404 {@code chat.not_found} here, once, so a chat's existence never leaks.
 */
final class ChatStore {

  /** A new chat, as created: sequence number 1 is its creation. */
  record NewChat(UUID id, ChatType type, String title, String description, boolean isPublic, UUID createdBy,
                 Instant createdAt, int memberCount, UUID directLow, UUID directHigh) {
  }

  private static final String INSERT_CHAT = """
      INSERT INTO chats (id, type, title, description, is_public, created_by, created_at, last_seq,
                         last_activity_at, member_count, direct_user_low, direct_user_high)
      VALUES (#{id}, #{type}, #{title}, #{description}, #{isPublic}, #{createdBy}, #{createdAt}, 1,
              #{createdAt}, #{memberCount}, #{directLow}, #{directHigh})
      ON CONFLICT ON CONSTRAINT chats_direct_pair DO NOTHING
      RETURNING id""";

  private static final TupleMapper<NewChat> NEW_CHAT = TupleMapper.mapper(chat -> {
    Map<String, Object> params = new HashMap<>();
    params.put("id", chat.id());
    params.put("type", chat.type().wire());
    params.put("title", chat.title());
    params.put("description", chat.description());
    params.put("isPublic", chat.isPublic());
    params.put("createdBy", chat.createdBy());
    params.put("createdAt", utc(chat.createdAt()));
    params.put("memberCount", chat.memberCount());
    params.put("directLow", chat.directLow());
    params.put("directHigh", chat.directHigh());
    return params;
  });

  /** Adds a member, or brings back one who left: a fresh role, join point and watermarks. */
  private static final String UPSERT_MEMBER = """
      INSERT INTO chat_members (chat_id, user_id, role, joined_at, joined_seq, delivered_up_to, read_up_to)
      VALUES ($1, $2, $3, $4, $5, $5, $5)
      ON CONFLICT (chat_id, user_id) DO UPDATE
        SET role = excluded.role, joined_at = excluded.joined_at, joined_seq = excluded.joined_seq,
            left_at = NULL, left_seq = NULL, left_reason = NULL,
            delivered_up_to = greatest(chat_members.delivered_up_to, excluded.joined_seq),
            read_up_to = greatest(chat_members.read_up_to, excluded.joined_seq)""";

  private static final String MEMBERSHIP = "SELECT " + Membership.COLUMNS + """

      FROM chat_members m JOIN chats c ON c.id = m.chat_id
      WHERE m.chat_id = $1 AND m.user_id = $2 AND m.left_at IS NULL""";

  /** The caller's membership as of now, without locking: for reads. 404 for a non-member. */
  Future<Membership> membership(SqlClient client, UUID chatId, UUID userId) {
    return one(client, MEMBERSHIP, chatId, userId).map(ChatStore::found);
  }

  /**
   * The caller's membership, share-locked: a concurrent removal or demotion of this member waits
   * for this transaction, and this transaction waits for one already under way and then sees it.
   * 404 for a non-member.
   */
  Future<Membership> lockMembership(SqlClient tx, UUID chatId, UUID userId) {
    return one(tx, MEMBERSHIP + " FOR SHARE OF m", chatId, userId).map(ChatStore::found);
  }

  /** The caller's own member row about to change (leaving, handing over ownership), locked for update; 404 if none. */
  Future<Membership> lockOwnMembership(SqlClient tx, UUID chatId, UUID userId) {
    return one(tx, MEMBERSHIP + " FOR NO KEY UPDATE OF m", chatId, userId).map(ChatStore::found);
  }

  /** Another member's row about to change (role, removal), locked for update; 404 {@code chat.member_not_found}. */
  Future<Membership> lockMember(SqlClient tx, UUID chatId, UUID userId) {
    return one(tx, MEMBERSHIP + " FOR NO KEY UPDATE OF m", chatId, userId).map(member -> {
      if (member == null) {
        throw ChatErrors.MEMBER_NOT_FOUND.exception("That user is not a member of this chat");
      }
      return member;
    });
  }

  /** A chat (or a view of one) the caller asked for, or 404 {@code chat.not_found} when there is none for them. */
  static <T> T found(T chat) {
    if (chat == null) {
      throw ChatErrors.CHAT_NOT_FOUND.exception("No such chat");
    }
    return chat;
  }

  private static Future<Membership> one(SqlClient client, String sql, UUID chatId, UUID userId) {
    return client.preparedQuery(sql).execute(Tuple.of(chatId, userId))
      .map(rows -> rows.size() == 0 ? null : Membership.from(rows.iterator().next()));
  }

  /** Inserts the chat; for a direct chat that already exists, completes with null instead. */
  Future<UUID> insertChat(SqlClient tx, NewChat chat) {
    return SqlTemplate.forQuery(tx, INSERT_CHAT).mapFrom(NEW_CHAT).execute(chat)
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /** The chat row itself (type, is_public, member_count, last_seq, ...), or null. */
  Future<Row> chat(SqlClient client, UUID chatId) {
    return client.preparedQuery("SELECT type, is_public, member_count, last_seq FROM chats WHERE id = $1")
      .execute(Tuple.of(chatId))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  Future<UUID> findDirect(SqlClient client, UUID low, UUID high) {
    return client.preparedQuery("SELECT id FROM chats WHERE direct_user_low = $1 AND direct_user_high = $2")
      .execute(Tuple.of(low, high))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  Future<Void> addMembers(SqlClient tx, UUID chatId, List<UUID> userIds, Role role, long seq, Instant at) {
    List<Tuple> rows = userIds.stream()
      .map(userId -> Tuple.of(chatId, userId, role.wire(), utc(at), seq))
      .toList();
    return tx.preparedQuery(UPSERT_MEMBER).executeBatch(rows).mapEmpty();
  }

  Future<Void> markLeft(SqlClient tx, UUID chatId, UUID userId, long seq, Instant at, String reason) {
    return tx.preparedQuery("""
        UPDATE chat_members SET left_at = $3, left_seq = $4, left_reason = $5, pinned_at = NULL
        WHERE chat_id = $1 AND user_id = $2""")
      .execute(Tuple.of(chatId, userId, utc(at), seq, reason)).mapEmpty();
  }

  Future<Void> setRole(SqlClient tx, UUID chatId, UUID userId, Role role) {
    return tx.preparedQuery("UPDATE chat_members SET role = $3 WHERE chat_id = $1 AND user_id = $2")
      .execute(Tuple.of(chatId, userId, role.wire())).mapEmpty();
  }

  Future<Void> addToMemberCount(SqlClient tx, UUID chatId, int delta) {
    return tx.preparedQuery("UPDATE chats SET member_count = member_count + $2 WHERE id = $1")
      .execute(Tuple.of(chatId, delta)).mapEmpty();
  }

  /** Who inherits a leaving owner's chat: the oldest admin, else the oldest member; locked. */
  Future<UUID> lockSuccessor(SqlClient tx, UUID chatId, UUID leaving) {
    return tx.preparedQuery("""
        SELECT user_id FROM chat_members
        WHERE chat_id = $1 AND left_at IS NULL AND user_id <> $2
        ORDER BY role = 'admin' DESC, joined_at, user_id
        LIMIT 1
        FOR NO KEY UPDATE""")
      .execute(Tuple.of(chatId, leaving))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("user_id"));
  }

  Future<Void> updateInfo(SqlClient tx, UUID chatId, String title, String description, UUID avatar, boolean clearAvatar) {
    return tx.preparedQuery("""
        UPDATE chats SET title = coalesce($2::text, title), description = coalesce($3::text, description),
                         avatar_media_id = CASE WHEN $5::boolean THEN NULL ELSE coalesce($4::uuid, avatar_media_id) END
        WHERE id = $1""")
      .execute(Tuple.of(chatId, title, description, avatar, clearAvatar)).mapEmpty();
  }

  /**
   * Changes the member's private settings (a null leaves that setting as it is); completes with
   * them as they became, {@code {pinned, pinnedAt?, muted, mutedUntil, archived}}, or null for a non-member.
   */
  Future<JsonObject> updateSettings(SqlClient client, UUID chatId, UUID userId, Boolean pinned, Instant mutedUntil,
                                    boolean unmute, Boolean archived, Instant now) {
    return client.preparedQuery("""
        UPDATE chat_members
        SET pinned_at = CASE WHEN $3::boolean IS NULL THEN pinned_at
                             WHEN $3::boolean THEN coalesce(pinned_at, $7::timestamptz) END,
            muted_until = CASE WHEN $5::boolean THEN NULL ELSE coalesce($4::timestamptz, muted_until) END,
            archived = coalesce($6::boolean, archived)
        WHERE chat_id = $1 AND user_id = $2 AND left_at IS NULL
        RETURNING pinned_at, muted_until, archived""")
      .execute(Tuple.from(List.of(chatId, userId)).addValue(pinned).addValue(utc(mutedUntil)).addValue(unmute)
        .addValue(archived).addValue(utc(now)))
      .map(rows -> {
        if (rows.size() == 0) {
          return null;
        }
        Row row = rows.iterator().next();
        Instant pinnedAt = instant(row, "pinned_at");
        Instant mutedTill = instant(row, "muted_until");
        JsonObject settings = new JsonObject().put("pinned", pinnedAt != null);
        if (pinnedAt != null) {
          settings.put("pinnedAt", pinnedAt.toString());
        }
        return settings.put("muted", mutedTill != null && mutedTill.isAfter(now))
          .put("mutedUntil", mutedTill == null ? null : mutedTill.toString())
          .put("archived", row.getBoolean("archived"));
      });
  }

  Future<Integer> pinnedCount(SqlClient client, UUID userId, UUID exceptChat) {
    return client.preparedQuery("""
        SELECT count(*) AS pinned FROM chat_members
        WHERE user_id = $1 AND left_at IS NULL AND pinned_at IS NOT NULL AND chat_id <> $2""")
      .execute(Tuple.of(userId, exceptChat))
      .map(rows -> rows.iterator().next().getInteger("pinned"));
  }

  /** Of these users, the ones with a live account. */
  Future<Set<UUID>> existingUsers(SqlClient client, List<UUID> userIds) {
    return client.preparedQuery("SELECT id FROM users WHERE id = ANY($1) AND deleted_at IS NULL")
      .execute(Tuple.tuple().addValue(userIds.toArray(UUID[]::new)))
      .map(rows -> ids(rows, "id"));
  }

  /** Of these users, the ones who blocked {@code user} or whom {@code user} blocked. */
  Future<Set<UUID>> blockedBetween(SqlClient client, UUID user, List<UUID> others) {
    return client.preparedQuery("""
        SELECT blocker_id AS other FROM user_blocks WHERE blocked_id = $1 AND blocker_id = ANY($2)
        UNION
        SELECT blocked_id FROM user_blocks WHERE blocker_id = $1 AND blocked_id = ANY($2)""")
      .execute(Tuple.of(user).addValue(others.toArray(UUID[]::new)))
      .map(rows -> ids(rows, "other"));
  }

  /** Of these users, the ones who blocked {@code user}. */
  Future<Set<UUID>> blockersOf(SqlClient client, UUID user, List<UUID> others) {
    return client.preparedQuery("SELECT blocker_id FROM user_blocks WHERE blocked_id = $1 AND blocker_id = ANY($2)")
      .execute(Tuple.of(user).addValue(others.toArray(UUID[]::new)))
      .map(rows -> ids(rows, "blocker_id"));
  }

  /** Of these users, the ones who are active members of the chat. */
  Future<Set<UUID>> activeMembers(SqlClient client, UUID chatId, List<UUID> userIds) {
    return client.preparedQuery("""
        SELECT user_id FROM chat_members WHERE chat_id = $1 AND user_id = ANY($2) AND left_at IS NULL""")
      .execute(Tuple.of(chatId).addValue(userIds.toArray(UUID[]::new)))
      .map(rows -> ids(rows, "user_id"));
  }

  Future<List<UUID>> memberIds(SqlClient client, UUID chatId) {
    return client.preparedQuery("SELECT user_id FROM chat_members WHERE chat_id = $1 AND left_at IS NULL")
      .execute(Tuple.of(chatId))
      .map(rows -> new ArrayList<>(ids(rows, "user_id")));
  }

  Future<List<UUID>> chatIdsOf(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT chat_id FROM chat_members WHERE user_id = $1 AND left_at IS NULL")
      .execute(Tuple.of(userId))
      .map(rows -> new ArrayList<>(ids(rows, "chat_id")));
  }

  /** Active members after {@code afterUser}, by user id, with their public profile. */
  Future<JsonArray> members(SqlClient client, UUID chatId, UUID afterUser, int limit) {
    return client.preparedQuery("""
        SELECT m.user_id, m.role, m.joined_at, u.username, u.display_name, u.avatar_media_id
        FROM chat_members m JOIN users u ON u.id = m.user_id
        WHERE m.chat_id = $1 AND m.left_at IS NULL AND m.user_id > $2
        ORDER BY m.user_id
        LIMIT $3""")
      .execute(Tuple.of(chatId, afterUser, limit))
      .map(rows -> {
        JsonArray members = new JsonArray();
        for (Row row : rows) {
          members.add(new JsonObject()
            .put("userId", row.getUUID("user_id").toString())
            .put("username", row.getString("username"))
            .put("displayName", row.getString("display_name"))
            .put("avatarMediaId", row.getUUID("avatar_media_id") == null ? null : row.getUUID("avatar_media_id").toString())
            .put("role", row.getString("role"))
            .put("joinedAt", instant(row, "joined_at").toString()));
        }
        return members;
      });
  }

  private static Set<UUID> ids(RowSet<Row> rows, String column) {
    Set<UUID> ids = new HashSet<>();
    for (Row row : rows) {
      ids.add(row.getUUID(column));
    }
    return ids;
  }
}
