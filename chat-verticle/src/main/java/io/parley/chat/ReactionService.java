package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  Future<Reply> react(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    String emoji = Fields.string(request.body(), "emoji");
    if (!Emoji.isEmoji(emoji)) {
      throw ChatErrors.INVALID_EMOJI.exception("A reaction is a single emoji");
    }
    Instant now = now();
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
      .map(change -> Reply.of(change.toJson()));
  }

  /** Who reacted to a message, per emoji. */
  Future<Reply> reactionsOf(BusRequest request) {
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    return chats.membership(pool, chatId, request.userId())
      .compose(ChatService::found)
      .compose(member -> messages.find(pool, chatId, seq, request.userId()))
      .compose(message -> message == null ? Future.failedFuture(ChatErrors.MESSAGE_NOT_FOUND.exception("No such message"))
        : reactions.who(pool, chatId, seq))
      .map(items -> Reply.of(new JsonObject().put("chatId", chatId.toString()).put("seq", seq).put("items", items)));
  }

  /** Pins or unpins a message; asking for the state it is already in changes nothing. */
  Future<Reply> pin(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    boolean pinned = !Boolean.FALSE.equals(Fields.optionalBoolean(request.body(), "pinned"));
    Instant now = now();
    String type = pinned ? Change.MESSAGE_PINNED : Change.MESSAGE_UNPINNED;
    return messages.find(pool, chatId, seq, me).compose(current -> {
      if (current != null && (current.pinnedAt() != null) == pinned) {
        return chats.membership(pool, chatId, me).compose(ChatService::found)
          .map(member -> Reply.of(current.toJson()));
      }
      return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, type, now, (actor, message) -> {
          if (actor.type() != ChatType.DIRECT && !actor.manages()) {
            throw ChatErrors.NOT_ALLOWED.exception("Only the owner and admins pin messages here");
          }
          requireContent(message);
          return messages.setPinned(tx, chatId, seq, pinned ? me : null, pinned ? now : null).map(done -> null);
        }))
        .map(change -> Reply.of(change.message()));
    });
  }

  /** The chat's pinned messages, newest pin first. */
  Future<Reply> pinned(BusRequest request) {
    UUID chatId = request.chatId();
    return chats.membership(pool, chatId, request.userId())
      .compose(ChatService::found)
      .compose(member -> messages.pinned(pool, chatId, request.userId()))
      .map(items -> Reply.of(new JsonObject().put("items", items)));
  }

  private static void requireContent(Message message) {
    if (message.deleted() || MessageContent.SYSTEM.equals(message.kind())) {
      throw ChatErrors.NOT_REACTABLE.exception("System messages and deleted messages take no reactions or pins");
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
