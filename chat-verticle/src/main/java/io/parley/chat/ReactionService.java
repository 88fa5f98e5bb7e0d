package io.parley.chat;

import io.parley.chat.MessageRequests.MessageRef;
import io.parley.chat.MessageRequests.Pin;
import io.parley.chat.MessageRequests.React;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Reactions and pinned messages: both numbered changes of the chat, so sync and live events carry
 * them like any other. Any member reacts (one or more emoji each, toggled); admins pin in groups
 * and channels, either person in a direct chat.
 */
final class ReactionService {

  private static final int MAX_EMOJI_PER_MEMBER = 10;

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final ReactionStore reactions;
  private final MessageChanges messageChanges;
  private final Transactions transactions;
  private final Clock clock;

  ReactionService(Pool pool, ChatStore chats, MessageStore messages, ReactionStore reactions,
                  MessageChanges messageChanges, Transactions transactions, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.reactions = reactions;
    this.messageChanges = messageChanges;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Adds my reaction, or takes it back if I had it: {@code reaction.changed} with the emoji's new count. */
  Future<JsonObject> react(UUID me, React request) {
    UUID chatId = request.chatId();
    long seq = request.seq();
    String emoji = request.emoji();
    Instant now = DbTime.now(clock);
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.REACTION_CHANGED, now, (actor, message) -> {
        requireContent(message);
        return reactions.remove(tx, chatId, seq, me, emoji).compose(removed -> removed
            ? Future.succeededFuture(false)
            : reactions.countOf(tx, chatId, seq, me).compose(mine -> {
              if (mine >= MAX_EMOJI_PER_MEMBER) {
                throw ChatErrors.TOO_MANY_REACTIONS.exception("At most " + MAX_EMOJI_PER_MEMBER + " different reactions per message");
              }
              return reactions.add(tx, chatId, seq, me, emoji, now).map(true);
            }))
          .compose(added -> reactions.countOf(tx, chatId, seq, emoji).map(count -> new JsonObject()
            .put("emoji", emoji).put("userId", me.toString()).put("added", added).put("count", count)));
      }))
      .map(Change::toJson);
  }

  /** Who reacted to a message, per emoji. */
  Future<JsonObject> reactionsOf(UUID me, MessageRef ref) {
    UUID chatId = ref.chatId();
    long seq = ref.seq();
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.visible(pool, chatId, seq, me))
      .compose(message -> reactions.who(pool, chatId, seq))
      .map(items -> new JsonObject().put("chatId", chatId.toString()).put("seq", seq).put("items", items));
  }

  /** Pins or unpins a message; asking for the state it is already in changes nothing. */
  Future<JsonObject> pin(UUID me, Pin request) {
    UUID chatId = request.chatId();
    long seq = request.seq();
    boolean pinned = request.pinned();
    Instant now = DbTime.now(clock);
    String type = pinned ? Change.MESSAGE_PINNED : Change.MESSAGE_UNPINNED;
    return messages.find(pool, chatId, seq, me).compose(current -> {
      if (current != null && (current.pinnedAt() != null) == pinned) {
        // The role first: a member who may not pin learns nothing from asking for the state it is in.
        return chats.membership(pool, chatId, me).map(member -> {
          member.requirePin();
          return current.toJson();
        });
      }
      return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, type, now, (actor, message) -> {
          actor.requirePin();
          requireContent(message);
          return messages.setPinned(tx, chatId, seq, pinned ? me : null, pinned ? now : null).map(done -> null);
        }))
        .map(Change::message);
    });
  }

  /** {@code {items}}: the chat's pinned messages, newest pin first. */
  Future<JsonObject> pinned(UUID me, UUID chatId) {
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.pinned(pool, chatId, me))
      .map(items -> new JsonObject().put("items", items));
  }

  private static void requireContent(Message message) {
    if (message.deleted() || MessageContent.SYSTEM.equals(message.kind())) {
      throw ChatErrors.NOT_REACTABLE.exception("System messages and deleted messages take no reactions or pins");
    }
  }
}
