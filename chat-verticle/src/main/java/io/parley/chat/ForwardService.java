package io.parley.chat;

import io.parley.shared.error.ChatErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;

/**
 * Forwarding: a copy of a message I can read, sent by me to another chat I may post in, marked
 * with where it came from (the first origin, when forwarding a forward). Mentions are not carried
 * over: they named members of the other chat, and a live location arrives as a static one. The
 * copy is an ordinary send there: numbered, idempotent by client message id, rate limited.
 */
final class ForwardService {

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final MessageService messageService;

  ForwardService(Pool pool, ChatStore chats, MessageStore messages, MessageService messageService) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.messageService = messageService;
  }

  /** {@code {chatId, seq, toChatId, clientMessageId}} → the new message (201; a retry 200). */
  Future<Reply> forward(BusRequest request) {
    UUID me = request.userId();
    UUID from = request.chatId();
    long seq = Fields.seq(request.body(), "seq");
    UUID to = Fields.uuid(request.body(), "toChatId");
    String clientMessageId = MessageService.clientMessageId(request.body());
    return chats.membership(pool, from, me)
      .compose(ChatService::found)
      .compose(member -> messages.find(pool, from, seq, me))
      .compose(original -> {
        if (original == null) {
          return Future.failedFuture(ChatErrors.MESSAGE_NOT_FOUND.exception("No such message"));
        }
        if (original.deleted() || MessageContent.SYSTEM.equals(original.kind())) {
          return Future.failedFuture(ChatErrors.NOT_FORWARDABLE.exception("System messages and deleted messages cannot be forwarded"));
        }
        JsonObject origin = original.forwardedFrom() != null ? original.forwardedFrom() : new JsonObject()
          .put("chatId", from.toString()).put("seq", seq).put("senderId", original.senderId().toString())
          .put("createdAt", original.createdAt().toString());
        MessageContent content = MessageContent.forwarded(original);
        return messageService.sendCopy(me, to, clientMessageId, content, origin);
      });
  }
}
