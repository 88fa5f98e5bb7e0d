package io.parley.chat;

import static io.parley.shared.db.DbTime.utc;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toList;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Collections;

/** All SQL about messages: the send statement, history, edits, deletes. */
final class MessageStore {

  /** A message about to be sent; its sequence number is taken by the statement that stores it. */
  record NewMessage(UUID id, UUID chatId, UUID senderId, String clientMessageId, MessageContent content,
                    List<UUID> mentions, Long replyToSeq, Long threadRootSeq, JsonObject forwardedFrom,
                    JsonObject story, Instant createdAt) {
  }

  /**
   * Sends to any number of chats in one statement, one round trip: the group commit of
   * {@link SendQueue}. In order: share-lock the membership of each sender (a concurrent removal
   * waits, or is waited for and then seen); keep the messages whose sender may post in their chat
   * ({@link Membership#requirePost}, and no block in a direct chat) and has not sent this client id
   * there before; lock the chats' rows in id order (two batches never wait for each other in a
   * circle) and take each chat as many numbers as it has messages; store the messages, each
   * chat's in the order given, and their changes. Thread replies are counted on their roots by
   * {@link #countThreadReplies}, in the same transaction. A message missing from the answer was
   * not stored: not a member, not allowed, blocked, or a retry (see MessageService). Two messages
   * of one batch must not share a chat, a sender and a client id: the statement cannot see its
   * own rows, so the second would break the unique key instead of being a retry.
   *
   * <p>Every lookup goes by its full key: the chat, the sender's membership, a client id already
   * used. {@code OFFSET 0} keeps the planner from turning them into joins, which it may plan as
   * scans while the tables are small; sends would then slow down as chats and history grow.
   */
  private static final String SEND_ALL = """
      WITH input AS (
        SELECT * FROM unnest(#{ids}::uuid[], #{chatIds}::uuid[], #{senderIds}::uuid[], #{clientMessageIds}::text[],
                             #{kinds}::text[], #{texts}::text[], #{media}::text[]::jsonb[], #{locations}::text[]::jsonb[],
                             #{mentions}::text[], #{replyTos}::bigint[], #{threadRoots}::bigint[],
                             #{forwardedFroms}::text[]::jsonb[], #{stories}::text[]::jsonb[], #{createdAts}::timestamptz[])
          WITH ORDINALITY AS i (id, chat_id, sender_id, client_message_id, kind, text, media, location, mentions,
                                reply_to_seq, thread_root_seq, forwarded_from, story, created_at, position)
      ), allowed AS (
        SELECT i.* FROM input i
        CROSS JOIN LATERAL (SELECT type, direct_user_low, direct_user_high FROM chats WHERE id = i.chat_id OFFSET 0) c
        CROSS JOIN LATERAL (SELECT role FROM chat_members m
                            WHERE m.chat_id = i.chat_id AND m.user_id = i.sender_id AND m.left_at IS NULL
                            OFFSET 0 FOR SHARE) sender
        WHERE (c.type <> 'channel' OR sender.role IN ('owner', 'admin'))
          AND (c.type <> 'direct' OR NOT EXISTS (
                SELECT 1 FROM user_blocks b
                WHERE (b.blocker_id = c.direct_user_low AND b.blocked_id = c.direct_user_high)
                   OR (b.blocker_id = c.direct_user_high AND b.blocked_id = c.direct_user_low)))
          AND NOT EXISTS (SELECT 1 FROM messages x
                          WHERE x.chat_id = i.chat_id AND x.sender_id = i.sender_id AND x.client_message_id = i.client_message_id
                          OFFSET 0)
      ), counted AS (
        SELECT chat_id, count(*) AS count, max(created_at) AS latest FROM allowed GROUP BY chat_id
      ), locked AS (
        SELECT id FROM chats WHERE id = ANY (#{distinctChatIds}::uuid[]) AND id IN (SELECT chat_id FROM counted)
        ORDER BY id FOR UPDATE
      ), numbered AS (
        UPDATE chats c SET last_seq = c.last_seq + counted.count, last_activity_at = counted.latest
        FROM counted JOIN locked ON locked.id = counted.chat_id
        WHERE c.id = ANY (#{distinctChatIds}::uuid[]) AND c.id = counted.chat_id
        RETURNING c.id AS chat_id, c.last_seq - counted.count AS before
      ), stored AS (
        INSERT INTO messages (chat_id, seq, id, sender_id, client_message_id, kind, text, media, location,
                              mentions, reply_to_seq, thread_root_seq, forwarded_from, story, created_at)
        SELECT a.chat_id, n.before + row_number() OVER (PARTITION BY a.chat_id ORDER BY a.position), a.id, a.sender_id,
               a.client_message_id, a.kind, a.text, a.media, a.location, a.mentions::uuid[], a.reply_to_seq,
               a.thread_root_seq, a.forwarded_from, a.story, a.created_at
        FROM allowed a JOIN numbered n ON n.chat_id = a.chat_id
        RETURNING id, chat_id, seq, sender_id, created_at
      ), logged AS (
        INSERT INTO chat_changes (chat_id, seq, type, message_seq, actor_id, created_at)
        SELECT chat_id, seq, 'message.sent', seq, sender_id, created_at FROM stored
      )
      SELECT id, seq FROM stored""";

  /** The parameters of {@link #SEND_ALL}: one array per column, one element per message. */
  private static Map<String, Object> sendParameters(List<NewMessage> batch) {
    int size = batch.size();
    UUID[] ids = new UUID[size];
    UUID[] chatIds = new UUID[size];
    UUID[] senderIds = new UUID[size];
    String[] clientMessageIds = new String[size];
    String[] kinds = new String[size];
    String[] texts = new String[size];
    String[] media = new String[size];
    String[] locations = new String[size];
    String[] mentions = new String[size];
    Long[] replyTos = new Long[size];
    Long[] threadRoots = new Long[size];
    String[] forwardedFroms = new String[size];
    String[] stories = new String[size];
    OffsetDateTime[] createdAts = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      NewMessage message = batch.get(i);
      ids[i] = message.id();
      chatIds[i] = message.chatId();
      senderIds[i] = message.senderId();
      clientMessageIds[i] = message.clientMessageId();
      kinds[i] = message.content().kind();
      texts[i] = message.content().text();
      media[i] = encoded(message.content().media());
      locations[i] = encoded(message.content().location());
      mentions[i] = message.mentions().stream().map(UUID::toString).collect(joining(",", "{", "}"));
      replyTos[i] = message.replyToSeq();
      threadRoots[i] = message.threadRootSeq();
      forwardedFroms[i] = encoded(message.forwardedFrom());
      stories[i] = encoded(message.story());
      createdAts[i] = utc(message.createdAt());
    }
    Map<String, Object> params = new HashMap<>();
    params.put("ids", ids);
    params.put("chatIds", chatIds);
    params.put("distinctChatIds", Arrays.stream(chatIds).distinct().sorted().toArray(UUID[]::new));
    params.put("senderIds", senderIds);
    params.put("clientMessageIds", clientMessageIds);
    params.put("kinds", kinds);
    params.put("texts", texts);
    params.put("media", media);
    params.put("locations", locations);
    params.put("mentions", mentions);
    params.put("replyTos", replyTos);
    params.put("threadRoots", threadRoots);
    params.put("forwardedFroms", forwardedFroms);
    params.put("stories", stories);
    params.put("createdAts", createdAts);
    return params;
  }

  private static String encoded(JsonObject json) {
    return json == null ? null : json.encode();
  }

  /** Followed by one more column (the reactions, or a placeholder) and {@link #FROM}. */
  private static final String SELECT = "SELECT " + Message.COLUMNS + ", " + Message.REPLY_COLUMNS + ", ";
  private static final String FROM = """

      FROM messages m
      LEFT JOIN messages r ON r.chat_id = m.chat_id AND r.seq = m.reply_to_seq
      """;

  private static final String COUNT_THREAD_REPLIES = """
      UPDATE messages SET thread_reply_count = thread_reply_count + $3, thread_last_seq = greatest(thread_last_seq, $4)
      WHERE chat_id = $1 AND seq = $2""";

  /** The sequence numbers of the stored messages of {@code batch}, by message id. */
  Future<Map<UUID, Long>> sendAll(SqlClient tx, List<NewMessage> batch) {
    return SqlTemplate.forQuery(tx, SEND_ALL).execute(sendParameters(batch)).map(rows -> {
      Map<UUID, Long> seqs = new HashMap<>();
      rows.forEach(row -> seqs.put(row.getUUID("id"), row.getLong("seq")));
      return seqs;
    });
  }

  /** A thread's root message. */
  record ThreadRoot(UUID chatId, long seq) {
  }

  /**
   * Counts stored replies on their thread roots, one statement per root: {@code replies} maps a
   * root to the numbers of its new replies.
   */
  Future<Void> countThreadReplies(SqlClient tx, Map<ThreadRoot, List<Long>> replies) {
    if (replies.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> roots = replies.entrySet().stream().map(root -> Tuple.of(root.getKey().chatId(), root.getKey().seq(),
      root.getValue().size(), root.getValue().stream().mapToLong(Long::longValue).max().orElseThrow())).toList();
    return tx.preparedQuery(COUNT_THREAD_REPLIES).executeBatch(roots).mapEmpty();
  }

  /** The message a sender stored under a client id, if any: what a retried send answers. */
  Future<Message> findByClientId(SqlClient client, UUID chatId, UUID senderId, String clientMessageId) {
    return client.preparedQuery(SELECT + Message.reactionsColumn("$2") + FROM
        + "WHERE m.chat_id = $1 AND m.sender_id = $2 AND m.client_message_id = $3")
      .execute(Tuple.of(chatId, senderId, clientMessageId))
      .map(MessageStore::first);
  }

  /** One message as {@code viewer} sees it; null if missing or hidden for the viewer. */
  Future<Message> find(SqlClient client, UUID chatId, long seq, UUID viewer) {
    return client.preparedQuery(SELECT + Message.reactionsColumn("$3") + FROM + """
        WHERE m.chat_id = $1 AND m.seq = $2
          AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = m.chat_id AND h.user_id = $3 AND h.seq = m.seq)""")
      .execute(Tuple.of(chatId, seq, viewer))
      .map(MessageStore::first);
  }

  /** One message as {@code viewer} sees it, or 404 {@code message.not_found} if missing or hidden for them. */
  Future<Message> visible(SqlClient client, UUID chatId, long seq, UUID viewer) {
    return find(client, chatId, seq, viewer).map(MessageStore::found);
  }

  /** A message asked for, or 404 {@code message.not_found} when there is none. */
  static Message found(Message message) {
    if (message == null) {
      throw ChatErrors.MESSAGE_NOT_FOUND.exception("No such message");
    }
    return message;
  }

  /** One message as everyone sees it (no viewer's hides or reactions): the snapshot an event carries. */
  Future<Message> snapshot(SqlClient client, UUID chatId, long seq) {
    return client.preparedQuery(SELECT + "NULL AS no_reactions" + FROM + "WHERE m.chat_id = $1 AND m.seq = $2")
      .execute(Tuple.of(chatId, seq))
      .map(MessageStore::first);
  }

  /** A message about to change, locked (after the chat row, in the writers' lock order). */
  Future<Message> lock(SqlClient tx, UUID chatId, long seq) {
    return tx.preparedQuery("SELECT " + Message.COLUMNS + " FROM messages m WHERE m.chat_id = $1 AND m.seq = $2 FOR UPDATE")
      .execute(Tuple.of(chatId, seq))
      .map(MessageStore::first);
  }

  /**
   * A page of history in sequence order: messages after {@code after} (oldest first) or, without
   * it, the newest before {@code before}; a thread's replies only, with {@code threadRoot}.
   */
  Future<List<Message>> page(SqlClient client, UUID chatId, UUID viewer, Long after, Long before, Long threadRoot,
                             int limit) {
    boolean forward = after != null;
    String sql = SELECT + Message.reactionsColumn("$2") + FROM + """
        WHERE m.chat_id = $1 AND m.seq > $3 AND m.seq < $4
          AND ($5::bigint IS NULL OR m.thread_root_seq = $5::bigint)
          AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = m.chat_id AND h.user_id = $2 AND h.seq = m.seq)
        ORDER BY m.seq %s
        LIMIT $6""".formatted(forward ? "ASC" : "DESC");
    Tuple params = Tuple.of(chatId, viewer, after == null ? 0L : after, before == null ? Long.MAX_VALUE : before,
      threadRoot, limit);
    return client.preparedQuery(sql).collecting(mapping(Message::from, toCollection(ArrayList::new))).execute(params)
      .map(rows -> {
        List<Message> messages = rows.value();
        if (!forward) {
          Collections.reverse(messages);
        }
        return messages;
      });
  }

  Future<Void> edit(SqlClient tx, UUID chatId, long seq, String text, List<UUID> mentions, Instant at) {
    return tx.preparedQuery("""
        UPDATE messages SET text = $3, mentions = $4, edited_at = $5 WHERE chat_id = $1 AND seq = $2""")
      .execute(Tuple.of(chatId, seq, text, mentions.toArray(UUID[]::new), utc(at))).mapEmpty();
  }

  /** Deletes for everyone: the content goes, with its reactions and pin; the tombstone stays. */
  Future<Void> tombstone(SqlClient tx, UUID chatId, long seq, Instant at) {
    return tx.preparedQuery("""
        UPDATE messages SET text = NULL, media = NULL, location = NULL, mentions = '{}', forwarded_from = NULL,
                            deleted_at = $3, pinned_at = NULL, pinned_by = NULL, story = NULL
        WHERE chat_id = $1 AND seq = $2""")
      .execute(Tuple.of(chatId, seq, utc(at)))
      .compose(done -> tx.preparedQuery("DELETE FROM message_reactions WHERE chat_id = $1 AND seq = $2")
        .execute(Tuple.of(chatId, seq)))
      .mapEmpty();
  }

  Future<Void> setPinned(SqlClient tx, UUID chatId, long seq, UUID by, Instant at) {
    return tx.preparedQuery("UPDATE messages SET pinned_at = $3, pinned_by = $4 WHERE chat_id = $1 AND seq = $2")
      .execute(Tuple.of(chatId, seq, utc(at), by)).mapEmpty();
  }

  /** The chat's pinned messages as {@code viewer} sees them, newest pin first. */
  Future<JsonArray> pinned(SqlClient client, UUID chatId, UUID viewer) {
    return client.preparedQuery(SELECT + Message.reactionsColumn("$2") + FROM + """
        WHERE m.chat_id = $1 AND m.pinned_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM message_hides h WHERE h.chat_id = m.chat_id AND h.user_id = $2 AND h.seq = m.seq)
        ORDER BY m.pinned_at DESC
        LIMIT 100""")
      .collecting(mapping(row -> Message.from(row).toJson(), toList()))
      .execute(Tuple.of(chatId, viewer))
      .map(rows -> new JsonArray(rows.value()));
  }

  /** Deletes for one member only; completes with false if it was hidden already. */
  Future<Boolean> hide(SqlClient client, UUID chatId, UUID userId, long seq) {
    return client.preparedQuery("""
        INSERT INTO message_hides (chat_id, user_id, seq) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""")
      .execute(Tuple.of(chatId, userId, seq)).map(rows -> rows.rowCount() > 0);
  }

  /** Stores a system message (what happened to the chat) under an already taken sequence number. */
  Future<Message> insertSystem(SqlClient tx, UUID id, UUID chatId, long seq, UUID actorId, JsonObject system,
                               Instant at) {
    return tx.preparedQuery("""
        INSERT INTO messages AS m (chat_id, seq, id, sender_id, kind, system, created_at)
        VALUES ($1, $2, $3, $4, 'system', $5, $6)
        RETURNING""" + " " + Message.COLUMNS)
      .execute(Tuple.of(chatId, seq, id, actorId, system, utc(at)))
      .map(MessageStore::first);
  }

  /** Whether a message exists in the chat with a lower number; for a thread root, that it is not itself a reply. */
  Future<Message> reference(SqlClient client, UUID chatId, long seq) {
    return client.preparedQuery("SELECT " + Message.COLUMNS + " FROM messages m WHERE m.chat_id = $1 AND m.seq = $2")
      .execute(Tuple.of(chatId, seq))
      .map(MessageStore::first);
  }

  /** The active members of the chat among these usernames (compared case-insensitively), by lowercase name. */
  Future<Map<String, UUID>> membersByUsername(SqlClient client, UUID chatId, Set<String> usernames) {
    return client.preparedQuery("""
        SELECT lower(u.username::text) AS username, u.id
        FROM users u JOIN chat_members m ON m.user_id = u.id
        WHERE m.chat_id = $1 AND m.left_at IS NULL AND u.deleted_at IS NULL AND u.username = ANY($2::citext[])""")
      .execute(Tuple.of(chatId).addValue(usernames.toArray(String[]::new)))
      .map(rows -> {
        Map<String, UUID> found = new HashMap<>();
        for (Row row : rows) {
          found.put(row.getString("username"), row.getUUID("id"));
        }
        return found;
      });
  }

  private static Message first(RowSet<Row> rows) {
    return rows.size() == 0 ? null : Message.from(rows.iterator().next());
  }
}
