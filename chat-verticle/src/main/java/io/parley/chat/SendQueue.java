package io.parley.chat;

import io.parley.chat.MessageStore.NewMessage;
import io.parley.chat.Transactions.Written;
import io.parley.shared.event.EventEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Group commit per chat. A chat's sends serialise on its row (numbers are taken one transaction
 * at a time, in order), and a durable commit waits for the log to reach the disk, so sent one by
 * one a busy chat stores one message per disk flush. Here the sends that arrive for a chat while
 * its previous batch is being written wait, then go together: one statement, one transaction,
 * one flush, a range of numbers at once, in arrival order. Each sender is still answered only
 * after the commit that holds their message. A send to an idle chat goes at once, alone.
 *
 * <p>One queue per verticle instance, used only on its event loop (the pool answers on the
 * caller's context), so it needs no locks.
 */
final class SendQueue {

  /** Enough to take a burst into one chat in a few commits; bounded so one statement stays small. */
  static final int MAX_BATCH = 200;

  private final MessageStore messages;
  private final Transactions transactions;
  private final ChatEvents events;
  /** The chats with a batch being written, each with the sends waiting for the next one. */
  private final Map<UUID, ArrayDeque<Pending>> writing = new HashMap<>();

  SendQueue(MessageStore messages, Transactions transactions, ChatEvents events) {
    this.messages = messages;
    this.transactions = transactions;
    this.events = events;
  }

  /** A send waiting for its commit; {@code stored} gets the message's view, or null if it was not stored. */
  private record Pending(NewMessage message, JsonObject quote, Promise<JsonObject> stored) {

    String senderAndClientId() {
      return message.senderId() + "/" + message.clientMessageId();
    }
  }

  /**
   * The message as stored, after its commit; null when the statement stored nothing (see
   * {@link MessageStore#sendAll} for why it may not).
   */
  Future<JsonObject> store(NewMessage message, JsonObject quote) {
    Pending pending = new Pending(message, quote, Promise.promise());
    UUID chatId = message.chatId();
    ArrayDeque<Pending> waiting = writing.get(chatId);
    if (waiting != null) {
      waiting.add(pending);
    } else {
      writing.put(chatId, new ArrayDeque<>());
      writeThenNext(chatId, List.of(pending));
    }
    return pending.stored().future();
  }

  private void writeThenNext(UUID chatId, List<Pending> batch) {
    write(chatId, batch).onComplete(written -> {
      ArrayDeque<Pending> waiting = writing.get(chatId);
      if (waiting.isEmpty()) {
        writing.remove(chatId);
      } else {
        writeThenNext(chatId, nextBatch(waiting));
      }
    });
  }

  /**
   * The oldest waiting sends, up to {@link #MAX_BATCH}, stopping before a second send of one
   * sender's client id (a retry racing its original): that one waits for the next batch, where it
   * is seen as the retry it is.
   */
  private static List<Pending> nextBatch(ArrayDeque<Pending> waiting) {
    List<Pending> batch = new ArrayList<>();
    Set<String> clientIds = new HashSet<>();
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH && clientIds.add(waiting.peek().senderAndClientId())) {
      batch.add(waiting.poll());
    }
    return batch;
  }

  /** Writes one batch and answers each of its sends; never fails itself. */
  private Future<Void> write(UUID chatId, List<Pending> batch) {
    return transactions.write(tx -> messages.sendAll(tx, chatId, batch.stream().map(Pending::message).toList())
        .map(seqs -> stored(batch, seqs)))
      .transform(outcome -> {
        if (outcome.succeeded()) {
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).stored().complete(outcome.result().get(i));
          }
          return Future.succeededFuture();
        }
        if (batch.size() == 1) {
          batch.get(0).stored().fail(outcome.cause());
          return Future.succeededFuture();
        }
        // One send breaking the batch (say, a retry whose original another node committed just
        // now hits the unique key) must not fail the others: each goes again on its own.
        Future<Void> alone = Future.succeededFuture();
        for (Pending pending : batch) {
          alone = alone.compose(previous -> write(chatId, List.of(pending)));
        }
        return alone;
      });
  }

  /** The view of each send of the batch (null where nothing was stored) and the events of those stored. */
  private Written<List<JsonObject>> stored(List<Pending> batch, Map<UUID, Long> seqs) {
    List<JsonObject> views = new ArrayList<>(batch.size());
    List<EventEnvelope> sent = new ArrayList<>(seqs.size());
    for (Pending pending : batch) {
      NewMessage message = pending.message();
      Long seq = seqs.get(message.id());
      if (seq == null) {
        views.add(null);
        continue;
      }
      JsonObject view = asStored(message, seq, pending.quote()).toJson();
      views.add(view);
      sent.add(events.of(new Change(message.chatId(), seq, Change.MESSAGE_SENT, message.senderId(), message.createdAt(),
        seq, null, view)));
    }
    return new Written<>(views, sent);
  }

  private static Message asStored(NewMessage message, long seq, JsonObject quote) {
    MessageContent content = message.content();
    return new Message(message.id(), message.chatId(), seq, message.senderId(), message.clientMessageId(),
      content.kind(), content.text(), content.media(), content.location(), null, message.mentions(),
      message.replyToSeq(), message.threadRootSeq(), 0, null, message.forwardedFrom(), message.story(), message.createdAt(),
      null, null, null, quote, null);
  }
}
