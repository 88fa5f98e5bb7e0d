package io.parley.chat;

import io.parley.chat.Transactions.Written;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A numbered change to one existing message (edit, delete for everyone, reaction, pin), in the
 * writers' lock order: the actor's membership (share-locked), the chat row (taking the number),
 * then the message row. The rule decides on the locked message; a refusal rolls the whole
 * transaction back, number included, so refusals leave no gap.
 */
final class MessageChanges {

  /**
   * The rule of one kind of change: checks the locked message (and asks {@link Membership} whether
   * the actor may), applies the change, returns its details (or null).
   */
  @FunctionalInterface
  interface Rule {
    Future<JsonObject> apply(Membership actor, Message message);
  }

  private final ChatStore chats;
  private final MessageStore messages;
  private final ChangeStore changes;
  private final ChatEvents events;

  MessageChanges(ChatStore chats, MessageStore messages, ChangeStore changes, ChatEvents events) {
    this.chats = chats;
    this.messages = messages;
    this.changes = changes;
    this.events = events;
  }

  /** Completes with the recorded change (its event payload) and its event. */
  Future<Written<Change>> apply(SqlConnection tx, UUID chatId, UUID actorId, long messageSeq, String type, Instant at,
                               Rule rule) {
    return chats.lockMembership(tx, chatId, actorId)
      .compose(actor -> record(tx, chatId, actorId, messageSeq, type, at, message -> rule.apply(actor, message)));
  }

  /**
   * The same change decided outside the chat (a moderator's decision, the retention job): no
   * membership to lock or ask, so the chat row is the first lock; {@code actorId} is who decided
   * ({@link #SERVER} for the server itself).
   */
  Future<Written<Change>> applyAsServer(SqlConnection tx, UUID chatId, UUID actorId, long messageSeq, String type,
                                       Instant at, Function<Message, Future<JsonObject>> rule) {
    return record(tx, chatId, actorId, messageSeq, type, at, rule);
  }

  /** The actor of changes the server makes on its own (retention): the nil id, never a user's. */
  static final UUID SERVER = new UUID(0, 0);

  private Future<Written<Change>> record(SqlConnection tx, UUID chatId, UUID actorId, long messageSeq, String type,
                                         Instant at, Function<Message, Future<JsonObject>> rule) {
    return changes.nextSeq(tx, chatId, null).compose(seq -> messages.lock(tx, chatId, messageSeq)
      .map(MessageStore::found)
      .compose(rule)
      .compose(data -> messages.snapshot(tx, chatId, messageSeq).compose(snapshot -> {
        Change change = new Change(chatId, seq, type, actorId, at, messageSeq, data, snapshot.toJson());
        return changes.record(tx, change).map(done -> new Written<>(change, List.of(events.of(change))));
      })));
  }
}
