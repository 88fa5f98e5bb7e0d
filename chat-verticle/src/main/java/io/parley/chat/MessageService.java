package io.parley.chat;

import io.parley.chat.MessageStore.NewMessage;
import io.parley.chat.Transactions.Written;
import io.parley.shared.Ids;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.error.CommonErrors;
import io.parley.shared.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sending, history, editing and deleting messages.
 *
 * <p>A send is one transaction of one statement plus the outbox row: the statement checks that
 * the sender may post, takes the chat's next number and stores the message and its change (see
 * {@link MessageStore}). The sender is answered after the commit, so an acknowledged message is
 * durable; a retry with the same client message id answers the original (200) and stores nothing.
 */
final class MessageService {

  private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,64}");
  /** The send statement stored nothing; {@link #explainRefusal} finds out why. */
  private static final RuntimeException NOT_STORED = new RuntimeException("not stored", null, false, false) {
  };

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final MessageChanges messageChanges;
  private final PrivateChangeStore privateChanges;
  private final Transactions transactions;
  private final ChatEvents events;
  private final RateLimiter rateLimiter;
  private final ChatLimits limits;
  private final Ids ids;
  private final Clock clock;

  MessageService(Pool pool, ChatStore chats, MessageStore messages, MessageChanges messageChanges,
                 PrivateChangeStore privateChanges, Transactions transactions, ChatEvents events,
                 RateLimiter rateLimiter, ChatLimits limits, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.messageChanges = messageChanges;
    this.privateChanges = privateChanges;
    this.transactions = transactions;
    this.events = events;
    this.rateLimiter = rateLimiter;
    this.limits = limits;
    this.ids = new Ids(clock);
    this.clock = clock;
  }

  Future<Reply> send(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    JsonObject body = request.body();
    String clientMessageId = clientMessageId(body);
    MessageContent content = MessageContent.parse(body, limits, now());
    Long replyTo = Fields.param(body, "replyTo", 1, Long.MAX_VALUE);
    Long threadRoot = Fields.param(body, "threadRoot", 1, Long.MAX_VALUE);
    Set<String> usernames = Mentions.in(content.text() != null ? content.text()
      : content.media() != null ? content.media().getString("caption") : null);
    return rateLimiter.acquire("chat.send:" + me, limits.sendLimit(), limits.sendWindow())
      .compose(allowed -> prepare(chatId, me, usernames, replyTo, threadRoot))
      .compose(prepared -> store(new NewMessage(ids.next(), chatId, me, clientMessageId, content,
        prepared.mentions(), replyTo, threadRoot, null, now()), prepared.quote(), true));
  }

  /** Sends content taken from an existing message (a forward): rate limited and stored like any send. */
  Future<Reply> sendCopy(UUID senderId, UUID chatId, String clientMessageId, MessageContent content,
                         JsonObject forwardedFrom) {
    return rateLimiter.acquire("chat.send:" + senderId, limits.sendLimit(), limits.sendWindow())
      .compose(allowed -> store(new NewMessage(ids.next(), chatId, senderId, clientMessageId, content, List.of(),
        null, null, forwardedFrom, now()), null, true));
  }

  /** The sender's id for a message, which makes retries safe: 1 to 64 printable ASCII characters. */
  static String clientMessageId(JsonObject body) {
    String clientMessageId = Fields.optionalString(body, "clientMessageId");
    if (clientMessageId == null || !CLIENT_ID.matcher(clientMessageId).matches()) {
      throw ChatErrors.INVALID_CLIENT_ID.exception("clientMessageId must be 1 to 64 printable ASCII characters");
    }
    return clientMessageId;
  }

  /** What a send refers to, checked before its transaction: mentions resolved, the quoted message. */
  private record Prepared(List<UUID> mentions, JsonObject quote) {
  }

  /**
   * The common message (no mention, no reply) needs no check here: the send statement itself
   * checks membership. Otherwise membership comes first, so a non-member learns nothing from the
   * other answers.
   */
  private Future<Prepared> prepare(UUID chatId, UUID me, Set<String> usernames, Long replyTo, Long threadRoot) {
    if (usernames.isEmpty() && replyTo == null && threadRoot == null) {
      return Future.succeededFuture(new Prepared(List.of(), null));
    }
    return chats.membership(pool, chatId, me)
      .compose(ChatService::found)
      .compose(member -> referenced(chatId, replyTo, false))
      .compose(quoted -> referenced(chatId, threadRoot, true).map(root -> quoted))
      .compose(quoted -> resolveMentions(pool, chatId, usernames)
        .map(mentions -> new Prepared(mentions, quoted == null ? null : quote(quoted))));
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

  private Future<Reply> store(NewMessage message, JsonObject quote, boolean firstAttempt) {
    return transactions.write(tx -> messages.send(tx, message).compose(seq -> {
        if (seq == null) {
          return Future.failedFuture(NOT_STORED);
        }
        JsonObject json = stored(message, seq, quote).toJson();
        Change sent = new Change(message.chatId(), seq, Change.MESSAGE_SENT, message.senderId(), message.createdAt(),
          seq, null, json);
        return Future.succeededFuture(new Written<>(json, List.of(events.of(sent))));
      }))
      .map(Reply::of)
      .recover(failure -> failure == NOT_STORED || Transactions.isUniqueViolation(failure)
        ? explainRefusal(message, quote, firstAttempt)
        : Future.failedFuture(failure));
  }

  /**
   * Why the send statement stored nothing: a retry (answer the original), not a member (404), a
   * member of a channel (403), a blocked direct chat (403). If none holds any more, the state
   * changed in between, and the send is tried once again.
   */
  private Future<Reply> explainRefusal(NewMessage message, JsonObject quote, boolean firstAttempt) {
    UUID chatId = message.chatId();
    UUID me = message.senderId();
    return messages.findByClientId(pool, chatId, me, message.clientMessageId()).compose(original -> {
      if (original != null) {
        return Future.succeededFuture(Reply.existing(original.toJson()));
      }
      return chats.membership(pool, chatId, me).compose(member -> {
        if (member == null) {
          return Future.failedFuture(ChatErrors.CHAT_NOT_FOUND.exception("No such chat"));
        }
        if (!member.canPost()) {
          return Future.failedFuture(ChatErrors.NOT_ALLOWED.exception("Only the owner and admins post in a channel"));
        }
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

  private static Message stored(NewMessage message, long seq, JsonObject quote) {
    MessageContent content = message.content();
    return new Message(message.id(), message.chatId(), seq, message.senderId(), message.clientMessageId(),
      content.kind(), content.text(), content.media(), content.location(), null, message.mentions(),
      message.replyToSeq(), message.threadRootSeq(), 0, null, message.forwardedFrom(), message.createdAt(),
      null, null, null, quote, null);
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

  /** History in sequence order: {@code after} pages forward, otherwise the newest before {@code before}. */
  Future<Reply> history(BusRequest request) {
    UUID chatId = request.chatId();
    JsonObject body = request.body();
    Long after = Fields.param(body, "after", 0, Long.MAX_VALUE - 1);
    Long before = Fields.param(body, "before", 1, Long.MAX_VALUE);
    Long thread = Fields.param(body, "thread", 1, Long.MAX_VALUE);
    int limit = Fields.limit(body, 50, ChatLimits.MAX_PAGE);
    if (after != null && before != null && after >= before) {
      throw CommonErrors.INVALID_PARAMETER.exception("after must be smaller than before", new JsonObject().put("field", "after"));
    }
    return chats.membership(pool, chatId, request.userId())
      .compose(ChatService::found)
      .compose(member -> messages.page(pool, chatId, request.userId(), after, before, thread, limit + 1))
      .map(page -> {
        boolean more = page.size() > limit;
        List<Message> items = !more ? page : after != null ? page.subList(0, limit) : page.subList(1, page.size());
        return Reply.of(new JsonObject()
          .put("items", new JsonArray(items.stream().map(Message::toJson).toList()))
          .put("hasMore", more));
      });
  }

  /** Edits the text of one of my text messages; it is marked edited. */
  Future<Reply> edit(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    String text = MessageContent.text(request.body(), limits);
    Set<String> usernames = Mentions.in(text);
    Instant now = now();
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.MESSAGE_EDITED, now, (actor, message) -> {
        if (!message.senderId().equals(me)) {
          throw ChatErrors.NOT_SENDER.exception("Only the sender edits a message");
        }
        if (!MessageContent.TEXT.equals(message.kind()) || message.deleted()) {
          throw ChatErrors.NOT_EDITABLE.exception("Only text messages that are not deleted can be edited");
        }
        return resolveMentions(tx, chatId, usernames)
          .compose(mentions -> messages.edit(tx, chatId, seq, text, mentions, now))
          .map(edited -> null);
      }))
      .map(change -> Reply.of(change.message()));
  }

  /**
   * Deletes for me (hidden from my devices only) or for everyone (the sender, or an admin of a
   * group or channel): the content is removed and a tombstone keeps the message's place.
   */
  Future<Reply> delete(BusRequest request) {
    String scope = Fields.optionalString(request.body(), "scope");
    if (scope == null || scope.equals("me")) {
      return deleteForMe(request);
    }
    if (!scope.equals("everyone")) {
      throw Fields.invalid("scope", "must be me or everyone");
    }
    UUID me = request.userId();
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    Instant now = now();
    return transactions.write(tx -> messageChanges.apply(tx, chatId, me, seq, Change.MESSAGE_DELETED, now, (actor, message) -> {
        boolean moderator = actor.type() != ChatType.DIRECT && actor.manages();
        if (!message.senderId().equals(me) && !moderator) {
          throw ChatErrors.NOT_SENDER.exception("Only the sender or an admin deletes a message for everyone");
        }
        if (message.kind().equals(MessageContent.SYSTEM) || message.deleted()) {
          throw ChatErrors.NOT_DELETABLE.exception("System messages and deleted messages cannot be deleted");
        }
        return messages.tombstone(tx, chatId, seq, now).map(done -> null);
      }))
      .map(change -> Reply.of(new JsonObject().put("chatId", chatId.toString()).put("seq", change.seq())
        .put("messageSeq", seq).put("scope", "everyone")));
  }

  /** Hides a message from my devices only: a numbered change of my private log (see {@link PrivateChange}). */
  private Future<Reply> deleteForMe(BusRequest request) {
    UUID me = request.userId();
    UUID chatId = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    Instant now = now();
    return chats.membership(pool, chatId, me)
      .compose(ChatService::found)
      .compose(member -> messages.find(pool, chatId, seq, me))
      .compose(message -> message == null
        ? Future.failedFuture(ChatErrors.MESSAGE_NOT_FOUND.exception("No such message"))
        : transactions.write(tx -> messages.hide(tx, chatId, me, seq).compose(hidden -> !hidden
          ? Future.succeededFuture(Written.unchanged(null))
          : privateChanges.record(tx, me, PrivateChange.MESSAGE_HIDDEN, chatId, seq, null, now)
            .map(change -> new Written<>(null, List.of(events.of(change)))))))
      .map(done -> Reply.of(new JsonObject().put("chatId", chatId.toString()).put("messageSeq", seq).put("scope", "me")));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
