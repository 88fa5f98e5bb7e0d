package io.parley.chat;

import io.parley.shared.db.DbTime;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the moderation service (in the auth service) asks of chats, over addresses no client can
 * reach: a reported message with its neighbours as the reporter sees it (so nobody reports what
 * they cannot see), a deletion for everyone a moderator decided, and a user's data export.
 */
final class ModerationService {

  /** Neighbours on each side of a reported message: the moderator's context. */
  static final int CONTEXT = 3;
  /** The largest export of own messages in one document. */
  static final int EXPORT_MAX_MESSAGES = 50_000;

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final ModerationDeletes deletes;
  private final Transactions transactions;
  private final Clock clock;

  ModerationService(Pool pool, ChatStore chats, MessageStore messages, ModerationDeletes deletes,
                    Transactions transactions, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.deletes = deletes;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** {@code {message, before, after}} as the reporter {@code me} sees them; 404 when they cannot. */
  Future<JsonObject> excerpt(UUID me, UUID chatId, long seq) {
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.visible(pool, chatId, seq, me))
      .compose(message -> {
        if (message.deleted() || MessageContent.SYSTEM.equals(message.kind())) {
          return Future.failedFuture(ChatErrors.MESSAGE_NOT_FOUND.exception("No such message"));
        }
        Future<List<Message>> before = messages.page(pool, chatId, me, null, seq, null, CONTEXT);
        Future<List<Message>> after = messages.page(pool, chatId, me, seq, null, null, CONTEXT);
        return Future.all(before, after).map(both -> new JsonObject()
          .put("message", message.toJson())
          .put("before", json(before.result()))
          .put("after", json(after.result())));
      });
  }

  /** {@code {deleted}}: the tombstone and its change, or false when it was already deleted. */
  Future<JsonObject> delete(UUID moderator, UUID chatId, long seq) {
    Instant now = DbTime.now(clock);
    return transactions.write(tx -> deletes.delete(tx, chatId, seq, moderator, ModerationDeletes.BY_MODERATION, now))
      .map(change -> new JsonObject().put("deleted", true).put("seq", change.seq()))
      .recover(failure -> ModerationDeletes.alreadyDeleted(failure)
        ? Future.succeededFuture(new JsonObject().put("deleted", false))
        : Future.failedFuture(failure));
  }

  /** {@code {chats, messages}}: the chats I belong to and every message I sent that still has content. */
  Future<JsonObject> export(UUID me) {
    Future<JsonArray> memberships = pool.preparedQuery("""
        SELECT c.id, c.type, c.title, m.role, m.joined_at FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY m.joined_at""")
      .execute(Tuple.of(me))
      .map(rows -> {
        JsonArray list = new JsonArray();
        for (Row row : rows) {
          list.add(new JsonObject().put("id", row.getUUID("id").toString()).put("type", row.getString("type"))
            .put("title", row.getString("title")).put("role", row.getString("role"))
            .put("joinedAt", row.getOffsetDateTime("joined_at").toInstant().toString()));
        }
        return list;
      });
    Future<JsonArray> own = pool.preparedQuery("""
        SELECT chat_id, seq, kind, text, media, location, created_at, edited_at FROM messages
        WHERE sender_id = $1 AND deleted_at IS NULL AND kind <> 'system' ORDER BY created_at LIMIT $2""")
      .execute(Tuple.of(me, EXPORT_MAX_MESSAGES))
      .map(rows -> {
        JsonArray list = new JsonArray();
        for (Row row : rows) {
          list.add(new JsonObject().put("chatId", row.getUUID("chat_id").toString()).put("seq", row.getLong("seq"))
            .put("kind", row.getString("kind")).put("text", row.getString("text"))
            .put("media", row.getJsonObject("media")).put("location", row.getJsonObject("location"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("editedAt", row.getOffsetDateTime("edited_at") == null ? null
              : row.getOffsetDateTime("edited_at").toInstant().toString()));
        }
        return list;
      });
    return Future.all(memberships, own).map(both -> new JsonObject().put("chats", memberships.result())
      .put("messages", own.result()));
  }

  private static JsonArray json(List<Message> list) {
    return new JsonArray(list.stream().map(Message::toJson).toList());
  }
}
