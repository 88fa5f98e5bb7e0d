package io.parley.chat;

import io.parley.chat.MessageRequests.DeleteMessage;
import io.parley.chat.MessageRequests.EditMessage;
import io.parley.chat.MessageRequests.Forward;
import io.parley.chat.MessageRequests.SendBatch;
import io.parley.chat.MessageRequests.SendMessage;
import io.parley.chat.MessageStore.NewMessage;
import io.parley.chat.QueryRequests.HistoryPage;
import io.parley.chat.Transactions.Written;
import io.parley.shared.Address;
import io.parley.shared.Ids;
import io.parley.shared.db.DbTime;
import io.parley.shared.error.BusErrors;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.media.MediaClient;
import io.parley.shared.ratelimit.BatchedRateLimits;
import io.parley.shared.tracing.Correlation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sending, forwarding, history, editing and deleting messages.
 *
 * <p>A send is one statement plus the outbox rows, in a transaction shared with the other sends
 * to the same chat that arrived meanwhile ({@link SendQueue}): the statement checks that each
 * sender may post, takes the chat's next numbers and stores the messages and their changes (see
 * {@link MessageStore#sendAll}). A sender is answered after the commit, so an acknowledged message
 * is durable; a retry with the same client message id answers the original (200) and stores nothing.
 */
final class MessageService {

  /** The send statement stored nothing; {@link #explainRefusal} finds out why. */
  private static final RuntimeException NOT_STORED = new RuntimeException("not stored", null, false, false) {
  };

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final MessageChanges messageChanges;
  private final PrivateChangeStore privateChanges;
  private final Transactions transactions;
  private final SendQueue sendQueue;
  private final ChatEvents events;
  private final BatchedRateLimits rateLimiter;
  private final MediaClient media;
  private final StoryReplies storyReplies;
  private final MessageMetrics metrics;
  private final ChatLimits limits;
  private final Ids ids;
  private final Clock clock;

  MessageService(Pool pool, ChatStore chats, MessageStore messages, MessageChanges messageChanges,
                 PrivateChangeStore privateChanges, Transactions transactions, ChatEvents events,
                 BatchedRateLimits rateLimiter, MediaClient media, StoryReplies storyReplies, MessageMetrics metrics,
                 ChatLimits limits, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.messageChanges = messageChanges;
    this.privateChanges = privateChanges;
    this.transactions = transactions;
    this.sendQueue = new SendQueue(messages, transactions, events);
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.media = media;
    this.storyReplies = storyReplies;
    this.metrics = metrics;
    this.limits = limits;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  /**
   * The stored message; a retry finds the original (existing) and stores nothing. A media message
   * first gets its media's metadata from the media service (my own ready media of that kind, or
   * the send is refused); a text message asks nothing beyond the send itself.
   */
  Future<Created> send(UUID me, SendMessage request) {
    long started = System.nanoTime();
    return ready(me, request).compose(ready -> store(ready.message(), ready.quote(), true)
      .onSuccess(created -> metrics.sent(ready.message().content(), started, created)));
  }

  /**
   * Several sends of mine, stored in the order given (the sends a connection pipelined): each is
   * checked and prepared as {@link #send} does, all at once, but goes into the send queue only
   * after the one before it did, so their numbers follow their order. Each has its own outcome,
   * in {@code {results:[…]}} ({@link BusErrors#outcome}); a refused send does not stop the others.
   */
  Future<JsonObject> sendInOrder(UUID me, SendBatch batch) {
    List<Future<Created>> outcomes = new ArrayList<>();
    Future<Void> turn = Future.succeededFuture();
    for (Future<SendMessage> request : batch.sends()) {
      long started = System.nanoTime();
      Future<Ready> ready = request.compose(send -> ready(me, send));
      Promise<Void> queued = Promise.promise();
      Future<Created> outcome = turn.transform(previousQueued -> ready).compose(message -> {
        // store() puts the message in the queue before it returns: the next send may go now.
        Future<Created> stored = store(message.message(), message.quote(), true);
        queued.tryComplete();
        return stored.onSuccess(created -> metrics.sent(message.message().content(), started, created));
      });
      outcome.onComplete(done -> queued.tryComplete());
      outcomes.add(outcome);
      turn = queued.future();
    }
    String correlationId = Correlation.current();
    return Future.join(outcomes).transform(done -> Future.succeededFuture(new JsonObject().put("results",
      new JsonArray(outcomes.stream().map(outcome -> BusErrors.outcome(outcome.succeeded() ? outcome.result().view() : null,
        outcome.cause(), correlationId, Address.CHAT_MESSAGE_SEND_BATCH)).toList()))));
  }

  /** A send checked and prepared, ready to be stored: the message and the quote of what it replies to. */
  private record Ready(NewMessage message, JsonObject quote) {
  }

  private Future<Ready> ready(UUID me, SendMessage request) {
    UUID chatId = request.chatId();
    return rateLimited(me)
      .compose(allowed -> withMediaMetadata(me, request.content()))
      .compose(content -> prepare(me, request).map(prepared -> new Ready(new NewMessage(ids.next(), chatId, me,
        request.clientMessageId(), content, prepared.mentions(), request.replyTo(), request.threadRoot(), null,
        prepared.story(), DbTime.now(clock)), prepared.quote())));
  }

  private Future<MessageContent> withMediaMetadata(UUID me, MessageContent content) {
    if (!content.referencesMedia()) {
      return Future.succeededFuture(content);
    }
    return media.attach(me, content.mediaId(), content.kind()).map(content::withMedia);
  }

  /**
   * Forwards a copy of a message I can read to another chat I may post in, marked with where it
   * came from (the first origin, when forwarding a forward). Mentions are not carried over: they
   * named members of the other chat, and a live location arrives as a static one. The copy is an
   * ordinary send there: numbered, idempotent by client message id, rate limited.
   */
  Future<Created> forward(UUID me, Forward request) {
    UUID from = request.chatId();
    long started = System.nanoTime();
    return chats.membership(pool, from, me)
      .compose(member -> messages.visible(pool, from, request.seq(), me))
      .compose(original -> {
        if (original.deleted() || MessageContent.SYSTEM.equals(original.kind())) {
          return Future.failedFuture(ChatErrors.NOT_FORWARDABLE.exception("System messages and deleted messages cannot be forwarded"));
        }
        JsonObject origin = original.forwardedFrom() != null ? original.forwardedFrom() : new JsonObject()
          .put("chatId", from.toString()).put("seq", request.seq()).put("senderId", original.senderId().toString())
          .put("createdAt", original.createdAt().toString());
        MessageContent copy = MessageContent.forwarded(original);
        return rateLimited(me).compose(allowed -> store(new NewMessage(ids.next(), request.toChatId(), me,
          request.clientMessageId(), copy, List.of(), null, null, origin, null, DbTime.now(clock)), null, true))
          .onSuccess(created -> metrics.sent(copy, started, created));
      });
  }

  private Future<Void> rateLimited(UUID senderId) {
    return rateLimiter.acquire("chat.send", senderId.toString(), limits.sendLimit(), limits.sendWindow());
  }

  /** What a send refers to, checked before its transaction: mentions resolved, the quoted message. */
  private record Prepared(List<UUID> mentions, JsonObject quote, JsonObject story) {
  }

  /**
   * The common message (no mention, no reply) needs no check here: the send statement itself
   * checks membership. Otherwise membership comes first, so a non-member learns nothing from the
   * other answers.
   */
  private Future<Prepared> prepare(UUID me, SendMessage request) {
    if (request.standalone()) {
      return Future.succeededFuture(new Prepared(List.of(), null, null));
    }
    UUID chatId = request.chatId();
    return chats.membership(pool, chatId, me)
      .compose(member -> (request.storyId() == null ? Future.<JsonObject>succeededFuture()
        : storyReplies.quote(pool, member, me, request.storyId())))
      .compose(story -> referenced(chatId, request.replyTo(), false)
        .compose(quoted -> referenced(chatId, request.threadRoot(), true).map(root -> quoted))
        .compose(quoted -> resolveMentions(pool, chatId, request.mentioned())
          .map(mentions -> new Prepared(mentions, quoted == null ? null : quote(quoted), story))));
  }

  /** A message replied to must be in this chat; a thread root must also not be a reply in a thread itself. */
  private Future<Message> referenced(UUID chatId, Long seq, boolean threadRoot) {
    if (seq == null) {
      return Future.succeededFuture();
    }
    return messages.reference(pool, chatId, seq).compose(message -> {
      if (message == null || threadRoot && (message.threadRootSeq() != null || message.kind().equals(MessageContent.SYSTEM))) {
        return Future.failedFuture(ChatErrors.INVALID_REPLY.exception(
          (threadRoot ? "threadRoot" : "replyTo") + " must name a message of this chat"));
      }
      return Future.succeededFuture(message);
    });
  }

  private Future<Created> store(NewMessage message, JsonObject quote, boolean firstAttempt) {
    return sendQueue.store(message, quote)
      .compose(view -> view == null ? Future.<Created>failedFuture(NOT_STORED) : Future.succeededFuture(Created.fresh(view)))
      .recover(failure -> failure == NOT_STORED || Transactions.isUniqueViolation(failure)
        ? explainRefusal(message, quote, firstAttempt)
        : Future.failedFuture(failure));
  }

  /**
   * Why the send statement stored nothing: a retry (answer the original), not a member (404), a
   * member of a channel (403), a blocked direct chat (403). If none holds any more, the state
   * changed in between, and the send is tried once again.
   */
  private Future<Created> explainRefusal(NewMessage message, JsonObject quote, boolean firstAttempt) {
    UUID chatId = message.chatId();
    UUID me = message.senderId();
    return messages.findByClientId(pool, chatId, me, message.clientMessageId()).compose(original -> {
      if (original != null) {
        return Future.succeededFuture(Created.existing(original.toJson()));
      }
      return chats.membership(pool, chatId, me).compose(member -> {
        member.requirePost();
        Future<Boolean> blocked = member.type() != ChatType.DIRECT ? Future.succeededFuture(false)
          : chats.memberIds(pool, chatId).compose(ids -> chats.blockedBetween(pool, me, ids)).map(set -> !set.isEmpty());
        return blocked.compose(isBlocked -> {
          if (isBlocked) {
            return Future.failedFuture(ChatErrors.BLOCKED.exception("You cannot send messages in this chat"));
          }
          return firstAttempt ? store(message, quote, false)
            : Future.failedFuture(CommonErrors.SERVICE_UNAVAILABLE.exception("The chat changed while sending; try again"));
        });
      });
    });
  }

  private static JsonObject quote(Message quoted) {
    JsonObject quote = new JsonObject().put("seq", quoted.seq()).put("senderId", quoted.senderId().toString())
      .put("kind", quoted.kind()).put("deleted", quoted.deleted());
    if (!quoted.deleted() && quoted.text() != null) {
      quote.put("text", Message.clip(quoted.text(), 200));
    }
    return quote;
  }

  /** Every mentioned username must be an active member of the chat. */
  private Future<List<UUID>> resolveMentions(SqlClient client, UUID chatId, Set<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return messages.membersByUsername(client, chatId, usernames).compose(found -> {
      List<UUID> mentioned = new ArrayList<>();
      for (String username : usernames) {
        UUID id = found.get(username);
        if (id == null) {
          return Future.failedFuture(ChatErrors.MENTION_NOT_MEMBER.exception("@" + username + " is not a member of this chat",
            new JsonObject().put("username", username)));
        }
        if (!mentioned.contains(id)) {
          mentioned.add(id);
        }
      }
      return Future.succeededFuture(mentioned);
    });
  }

  /** {@code {items, hasMore}} in sequence order: {@code after} pages forward, otherwise the newest before {@code before}. */
  Future<JsonObject> history(UUID me, HistoryPage page) {
    int limit = page.limit();
    return chats.membership(pool, page.chatId(), me)
      .compose(member -> messages.page(pool, page.chatId(), me, page.after(), page.before(), page.thread(), limit + 1))
      .map(found -> {
        boolean more = found.size() > limit;
        List<Message> items = !more ? found : page.after() != null ? found.subList(0, limit) : found.subList(1, found.size());
        return new JsonObject().put("items", new JsonArray(items.stream().map(Message::toJson).toList())).put("hasMore", more);
      });
  }

  /** Edits the text of one of my text messages; it is marked edited. */
  Future<JsonObject> edit(UUID me, EditMessage request) {
    UUID chatId = request.chatId();
    long seq = request.seq();
    Set<String> usernames = Mentions.in(request.text());
    Instant now = DbTime.now(clock);
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.MESSAGE_EDITED, now, (actor, message) -> {
        actor.requireEdit(message.senderId());
        if (!MessageContent.TEXT.equals(message.kind()) || message.deleted()) {
          throw ChatErrors.NOT_EDITABLE.exception("Only text messages that are not deleted can be edited");
        }
        return resolveMentions(tx, chatId, usernames)
          .compose(mentions -> messages.edit(tx, chatId, seq, request.text(), mentions, now))
          .map(edited -> null);
      }))
      .map(Change::message);
  }

  /**
   * Deletes for me (hidden from my devices only) or for everyone (the sender, or an admin of a
   * group or channel): the content is removed and a tombstone keeps the message's place.
   */
  Future<JsonObject> delete(UUID me, DeleteMessage request) {
    return request.forEveryone() ? deleteForEveryone(me, request.chatId(), request.seq())
      : deleteForMe(me, request.chatId(), request.seq());
  }

  private Future<JsonObject> deleteForEveryone(UUID me, UUID chatId, long seq) {
    Instant now = DbTime.now(clock);
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.MESSAGE_DELETED, now, (actor, message) -> {
        actor.requireDeleteForEveryone(message.senderId());
        if (message.kind().equals(MessageContent.SYSTEM) || message.deleted()) {
          throw ChatErrors.NOT_DELETABLE.exception("System messages and deleted messages cannot be deleted");
        }
        return messages.tombstone(tx, chatId, seq, now).map(done -> null);
      }))
      .map(change -> new JsonObject().put("chatId", chatId.toString()).put("seq", change.seq())
        .put("messageSeq", seq).put("scope", "everyone"));
  }

  /** Hides a message from my devices only: a numbered change of my private log (see {@link PrivateChange}). */
  private Future<JsonObject> deleteForMe(UUID me, UUID chatId, long seq) {
    Instant now = DbTime.now(clock);
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.visible(pool, chatId, seq, me))
      .compose(message -> transactions.write(tx -> messages.hide(tx, chatId, me, seq).compose(hidden -> !hidden
        ? Future.succeededFuture(Written.unchanged(null))
        : privateChanges.record(tx, me, PrivateChange.MESSAGE_HIDDEN, chatId, seq, null, now)
          .map(change -> new Written<>(null, List.of(events.of(change)))))))
      .map(done -> new JsonObject().put("chatId", chatId.toString()).put("messageSeq", seq).put("scope", "me"));
  }
}
