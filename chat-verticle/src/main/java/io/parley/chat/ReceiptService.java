package io.parley.chat;

import io.parley.chat.MessageRequests.MessageRef;
import io.parley.chat.ReceiptStore.Watermarks;
import io.parley.chat.Transactions.Written;
import io.parley.shared.error.ChatErrors;
import io.parley.shared.event.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Receipts as watermarks. A device reports "delivered up to" and "read up to" a sequence number;
 * the member's watermarks only move forward, and every device of the member sees the same unread
 * count, computed here. The sender of a message sees its state derived from the others' marks:
 * sent / delivered / read in a direct chat, "delivered to" and "read by" lists in a group, counts
 * in a channel.
 */
final class ReceiptService {

  private final Pool pool;
  private final ChatStore chats;
  private final MessageStore messages;
  private final ReceiptStore receipts;
  private final Transactions transactions;
  private final ChatEvents events;
  private final Clock clock;

  ReceiptService(Pool pool, ChatStore chats, MessageStore messages, ReceiptStore receipts, Transactions transactions,
                 ChatEvents events, Clock clock) {
    this.pool = pool;
    this.chats = chats;
    this.messages = messages;
    this.receipts = receipts;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /** Moves my read mark (and delivered with it) up to {@code seq}. */
  Future<JsonObject> read(UUID me, MessageRef upTo) {
    return move(me, upTo, true);
  }

  /** Moves my delivered mark up to {@code seq}. */
  Future<JsonObject> delivered(UUID me, MessageRef upTo) {
    return move(me, upTo, false);
  }

  /**
   * Moves a watermark forward and publishes {@code receipt.updated}: to every member, except in
   * channels, where only the reader's own devices need it. Answers my marks and unread count.
   */
  private Future<JsonObject> move(UUID me, MessageRef upTo, boolean read) {
    UUID chatId = upTo.chatId();
    long seq = upTo.seq();
    Instant now = clock.instant();
    return transactions.write(tx -> (read ? receipts.moveRead(tx, chatId, me, seq) : receipts.moveDelivered(tx, chatId, me, seq))
        .map(moved -> {
          if (moved == null) {
            return Written.<Watermarks>unchanged(null);
          }
          JsonObject payload = new JsonObject().put("userId", me.toString())
            .put("deliveredUpTo", moved.deliveredUpTo()).put("readUpTo", moved.readUpTo());
          String audience = moved.type() == ChatType.CHANNEL ? ChatEvents.USER : ChatEvents.MEMBERS;
          EventEnvelope event = events.unnumbered("receipt.updated", chatId, now, audience, payload);
          return new Written<>(moved, List.of(event));
        }))
      .compose(moved -> chats.membership(pool, chatId, me).compose(member -> {
        if (moved == null && seq > member.lastSeq()) {
          return Future.failedFuture(ChatErrors.RECEIPT_AHEAD.exception("The chat has no change " + seq + " yet"));
        }
        return receipts.unread(pool, chatId, me).map(unread -> new JsonObject()
          .put("chatId", chatId.toString())
          .put("deliveredUpTo", member.deliveredUpTo())
          .put("readUpTo", member.readUpTo())
          .put("unreadCount", unread));
      }));
  }

  /** The state of one of my messages, from the other members' watermarks. */
  Future<JsonObject> ofMessage(UUID me, MessageRef ref) {
    UUID chatId = ref.chatId();
    long seq = ref.seq();
    return chats.membership(pool, chatId, me)
      .compose(member -> messages.visible(pool, chatId, seq, me).compose(message -> {
        member.requireSeeReceipts(message.senderId());
        JsonObject base = new JsonObject().put("chatId", chatId.toString()).put("seq", seq).put("chatType", member.type().wire());
        return switch (member.type()) {
          case DIRECT -> receipts.lists(pool, chatId, me, seq).map(lists -> base.put("status",
            !lists.getJsonArray("readBy").isEmpty() ? "read" : !lists.getJsonArray("deliveredTo").isEmpty() ? "delivered" : "sent"));
          case GROUP -> receipts.lists(pool, chatId, me, seq).map(base::mergeIn);
          case CHANNEL -> receipts.counts(pool, chatId, me, seq).map(base::mergeIn);
        };
      }));
  }
}
